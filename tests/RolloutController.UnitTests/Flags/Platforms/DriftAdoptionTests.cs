using RolloutController.Analysis.Segments;
using RolloutController.Flags;
using RolloutController.Flags.Platforms;
using RolloutController.Rollouts;
using PolicyBuilder = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Flags.Platforms;

/// <summary>
/// Adopting a change made by hand on the flag's platform (stages 1%, 10%, 50%, 100%): a weight the ramp can hold is kept
/// and the ramp goes on from it; switched off, it is the kill switch; anything else is refused, naming resume and abort, and
/// nothing changes.
/// </summary>
public sealed class DriftAdoptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly SegmentLabel Enterprise = new("plan", "enterprise");

    // Paused on the drift at 10% (stage 2), the hold partly served.
    private static RolloutState PausedAt10(params SegmentLabel[] excluded) => RolloutState.New("new-checkout", "new-checkout", "r1", Now.AddHours(-3)) with
    {
        Phase = RolloutPhase.Paused, StageIndex = 1, Weight = 10m, StageStartedAt = Now.AddHours(-2), HoldServed = TimeSpan.FromMinutes(90),
        PauseReason = "the flag was changed on its platform, not by the controller: unleash-prod: rollout 10% → 30%", Version = 7,
        ExcludedSegments = [.. excluded.Select(l => new ExcludedSegment("errors by plan", Segment.Of((l.Name, l.Value)), 1, "0.2 above max 0.05", Now.AddHours(-1)))],
        Streaks = System.Collections.Immutable.ImmutableDictionary<string, GuardrailStreak>.Empty.Add("error-rate", new GuardrailStreak(1, Now.AddMinutes(-1))),
    };

    private static PlatformObservation Found(PlatformFlagState observed, bool driftFound = true) =>
        new("unleash-prod", observed, driftFound, driftFound ? "rollout 10% → 30% (alice at 2026-12-03T08:55:00Z)" : null);

    private static PlatformFlagState On(decimal weight, params SegmentLabel[] excluded) => new(true, true, weight, excluded);

    private static CommandResult Adopt(RolloutState state, PlatformObservation? observation) =>
        RolloutDecider.Apply(PolicyBuilder.Default(), state, RolloutCommand.Adopt, "carol", "load test at 30% approved", Now, platform: observation);

    [Fact]
    public void A_weight_between_stages_is_kept_held_in_the_stage_below_with_a_fresh_hold_and_the_next_advance_above_it()
    {
        var d = Adopt(PausedAt10(), Found(On(30m))).Decision!;

        d.State.Phase.ShouldBe(RolloutPhase.Observing);
        d.State.Weight.ShouldBe(30m);
        d.State.ServedWeight.ShouldBe(30m);
        d.State.StageIndex.ShouldBe(1);
        d.State.StageStartedAt.ShouldBe(Now);
        d.State.HoldServed.ShouldBe(TimeSpan.Zero);
        d.State.HoldCountingSince.ShouldBe(Now);
        d.State.Streaks.ShouldBeEmpty();
        d.State.PauseReason.ShouldBeNull();
        d.State.ResumedBy.ShouldBe("carol");
        // The gate's next move is the stage above the adopted weight: 50%.
        AdvanceGate.TargetWeight(PolicyBuilder.Default(), d.State).ShouldBe(50m);
        var t = d.Transitions.Single();
        (t.Trigger, t.From, t.To, t.FromWeight, t.ToWeight, t.Actor).ShouldBe((RolloutTrigger.Adopt, RolloutPhase.Paused, RolloutPhase.Observing, 10m, 30m, "carol"));
        t.Reason.ShouldBe("adopt 30% from unleash-prod (rollout 10% → 30% (alice at 2026-12-03T08:55:00Z)): load test at 30% approved");
        var notice = d.Notices.Single();
        notice.Kind.ShouldBe(NoticeKind.DriftAdopted);
        notice.Summary.ShouldBe("'new-checkout' adopted 30% from unleash-prod (carol): the change made by hand stays");
        notice.Action.ShouldContain("holds stage 2 of 4 from now");
        notice.Action.ShouldContain("next advances to 50%");
        IncidentRule.Of(notice.Kind, t).ShouldBe(IncidentAction.Resolve);
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(10, 1)]
    [InlineData(49, 1)]
    [InlineData(50, 2)]
    [InlineData(99, 2)]
    [InlineData(100, 3)]
    public void The_stage_is_the_last_at_or_below_the_adopted_weight(int weight, int stage)
    {
        DriftAdoption.StageOf(PolicyBuilder.Default(), weight).ShouldBe(stage);
        Adopt(PausedAt10(), Found(On(weight))).Decision!.State.StageIndex.ShouldBe(stage);
    }

    [Fact]
    public void Lower_by_hand_is_kept_too_and_the_segments_the_rollout_excludes_stay_excluded()
    {
        var d = Adopt(PausedAt10(Enterprise), Found(On(5m, Enterprise))).Decision!;

        (d.State.Weight, d.State.StageIndex).ShouldBe((5m, 0));
        d.State.ExcludedSegments.Single().Segment.ShouldBe(Segment.Of(("plan", "enterprise")));
        PlatformTarget.Of(d.State).Matches(On(5m, Enterprise)).ShouldBeTrue("the adopted state is what the platform serves: nothing is written");
    }

    [Theory]
    [InlineData("removed", "the controller's rollout rule is gone from unleash-prod")]
    [InlineData("off", "'new-checkout' is switched off on unleash-prod: the controller holds a flag off with its kill switch")]
    [InlineData("constraints", "the constraints on unleash-prod are not the segments the rollout excludes")]
    [InlineData("zero", "unleash-prod serves 'new-checkout' to nobody with the environment on")]
    [InlineData("below", "0.5% is below the first stage (1%)")]
    public void A_state_the_ramp_cannot_serve_is_refused_naming_resume_and_abort(string change, string why)
    {
        var observed = change switch
        {
            "removed" => new PlatformFlagState(false, true, 0m, []),
            "off" => new PlatformFlagState(true, false, 10m, []),
            "constraints" => On(30m, Enterprise),
            "zero" => On(0m),
            _ => On(0.5m),
        };

        var result = Adopt(PausedAt10(), Found(observed));

        result.Decision.ShouldBeNull();
        result.Error.ShouldStartWith($"cannot adopt: {why}");
        result.Error.ShouldContain("To write the rollout's 10% back: rolloutctl resume new-checkout --reason");
        result.Error.ShouldContain("to turn the flag off: rolloutctl abort new-checkout --reason");
    }

    [Fact]
    public void Above_the_last_stage_is_refused()
    {
        var policy = PolicyBuilder.Default(stages: [new(1m, TimeSpan.FromHours(1)), new(20m, TimeSpan.FromHours(1))]);

        var result = RolloutDecider.Apply(policy, PausedAt10(), RolloutCommand.Adopt, "carol", "why", Now, platform: Found(On(30m)));

        result.Error!.ShouldStartWith("cannot adopt: 30% is above the last stage (20%): the policy never serves more");
    }

    [Fact]
    public void Switched_off_by_hand_with_the_rule_and_exclusions_kept_is_adopted_as_the_kill_switch()
    {
        var off = new PlatformFlagState(true, false, 10m, [Enterprise]);

        DriftAdoption.KeepsOff(PolicyBuilder.Default(), PausedAt10(Enterprise), Found(off)).ShouldBeTrue();
        DriftAdoption.Possible(PolicyBuilder.Default(), PausedAt10(Enterprise), Found(off)).ShouldBeTrue();
        DriftAdoption.KillSwitchReason(Found(off), "incident INC-9").ShouldBe(
            "adopt off from unleash-prod (rollout 10% → 30% (alice at 2026-12-03T08:55:00Z)): incident INC-9");
        // The switch matches what the platform serves: nothing is written.
        PlatformTarget.Of(PausedAt10(Enterprise), switchedOff: true).Matches(off).ShouldBeTrue();
        // Not while observing, not without a change found, not with other constraints, not with the rule gone.
        DriftAdoption.KeepsOff(PolicyBuilder.Default(), PausedAt10(Enterprise) with { Phase = RolloutPhase.Observing }, Found(off)).ShouldBeFalse();
        DriftAdoption.KeepsOff(PolicyBuilder.Default(), PausedAt10(Enterprise), Found(off, driftFound: false)).ShouldBeFalse();
        DriftAdoption.KeepsOff(PolicyBuilder.Default(), PausedAt10(), Found(off)).ShouldBeFalse();
        DriftAdoption.KeepsOff(PolicyBuilder.Default(), PausedAt10(), Found(new PlatformFlagState(false, false, 0m, []))).ShouldBeFalse();
        // The ramp itself never takes it: the decider refuses it, naming the kill switch.
        Adopt(PausedAt10(Enterprise), Found(off)).Error!.ShouldContain("rolloutctl flag off new-checkout");
    }

    [Theory]
    [InlineData("Observing")]
    [InlineData("RolledBack")]
    [InlineData("Completed")]
    public void Only_a_paused_rollout_adopts(string phase)
    {
        var result = Adopt(PausedAt10() with { Phase = Enum.Parse<RolloutPhase>(phase) }, Found(On(30m)));

        result.Error.ShouldStartWith($"cannot adopt a rollout that is {phase}: adopt takes a change made by hand on unleash-prod while the rollout is paused on it");
        if (phase == "Observing") result.Error.ShouldEndWith("; the change found now pauses it at the next round");
    }

    [Fact]
    public void Paused_without_a_change_found_has_nothing_to_adopt() =>
        Adopt(PausedAt10(), Found(On(10m), driftFound: false)).Error
            .ShouldStartWith("nothing to adopt: the controller has found no change made by hand to 'new-checkout' on unleash-prod (it serves on at 10%); To continue the ramp: rolloutctl resume");

    [Fact]
    public void A_flag_the_controller_serves_itself_has_no_platform_to_adopt_from() =>
        Adopt(PausedAt10(), null).Error.ShouldBe(
            "'new-checkout' is served by the controller itself (spec.flag.provider: builtin): there is no flag platform to adopt a change from");

    [Fact]
    public void Adopt_is_listed_as_possible_only_when_it_applies()
    {
        var observing = PausedAt10() with { Phase = RolloutPhase.Observing };

        DriftAdoption.Possible(PolicyBuilder.Default(), observing, Found(On(30m))).ShouldBeFalse();
        DriftAdoption.Possible(PolicyBuilder.Default(), PausedAt10(), Found(On(30m))).ShouldBeTrue();
        DriftAdoption.Possible(PolicyBuilder.Default(), PausedAt10(), Found(On(30m), driftFound: false)).ShouldBeFalse();
    }

    [Fact]
    public void A_flag_switched_off_by_its_kill_switch_is_not_adopted() =>
        KillSwitchRule.Refusal(RolloutCommand.Adopt, new FlagSwitch("new-checkout", true, "dave", "incident", Now, 1))
            .ShouldNotBeNull().ShouldContain("rolloutctl flag on new-checkout");
}
