using RolloutController.Flags;
using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Flags;

/// <summary>What the kill switch does, decided without I/O.</summary>
public sealed class KillSwitchRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);

    private static FlagSwitch Off(long version = 1) => new("recommendations", true, "alice", "INC-4211", Now.AddMinutes(-5), version);

    [Fact]
    public void The_first_switch_off_has_version_one_and_records_who_and_why()
    {
        var (next, refusal) = KillSwitchRule.Decide(null, "recommendations", off: true, "alice", "INC-4211: errors", Now);

        refusal.ShouldBeNull();
        next.ShouldBe(new FlagSwitch("recommendations", true, "alice", "INC-4211: errors", Now, 1));
        KillSwitchRule.Trigger(next!).ShouldBe(RolloutTrigger.SwitchOff);
    }

    [Fact]
    public void Switching_on_follows_the_switch_in_force()
    {
        var (next, _) = KillSwitchRule.Decide(Off(version: 3), "recommendations", off: false, "bob", "fixed in 2.4.1", Now);

        next.ShouldBe(new FlagSwitch("recommendations", false, "bob", "fixed in 2.4.1", Now, 4));
        KillSwitchRule.Trigger(next!).ShouldBe(RolloutTrigger.SwitchOn);
    }

    [Fact]
    public void A_switch_to_the_position_the_flag_is_in_is_refused_and_says_why()
    {
        var (again, whyOff) = KillSwitchRule.Decide(Off(), "recommendations", off: true, "bob", "me too", Now);
        var (never, whyOn) = KillSwitchRule.Decide(null, "recommendations", off: false, "bob", "just in case", Now);
        var (onAgain, whyOnAgain) = KillSwitchRule.Decide(Off() with { Off = false }, "recommendations", off: false, "bob", "again", Now);

        (again, never, onAgain).ShouldBe((null, null, null));
        whyOff.ShouldBe("flag 'recommendations' is already switched off (by alice at 2026-12-03 07:55:00Z: INC-4211)");
        whyOn.ShouldBe("flag 'recommendations' is not switched off");
        whyOnAgain.ShouldBe(whyOn);
    }

    [Theory]
    [InlineData("Observing", "Pause")]
    [InlineData("Paused", null)]
    [InlineData("Pending", null)]
    [InlineData("Completed", null)]
    [InlineData("RolledBack", null)]
    [InlineData("Aborted", null)]
    public void Switching_off_pauses_an_observing_rollout_only(string phase, string? command)
    {
        KillSwitchRule.RolloutMove(Off(), Enum.Parse<RolloutPhase>(phase))?.ToString().ShouldBe(command);
        KillSwitchRule.RolloutMove(Off() with { Off = false }, Enum.Parse<RolloutPhase>(phase)).ShouldBeNull();
        KillSwitchRule.RolloutMove(Off(), null).ShouldBeNull();
    }

    [Fact]
    public void Resume_and_promote_are_refused_while_off_pause_and_abort_are_not()
    {
        KillSwitchRule.Refusal(RolloutCommand.Resume, Off())!.ShouldContain("rolloutctl flag on recommendations");
        KillSwitchRule.Refusal(RolloutCommand.Promote, Off()).ShouldNotBeNull();
        KillSwitchRule.Refusal(RolloutCommand.Pause, Off()).ShouldBeNull();
        KillSwitchRule.Refusal(RolloutCommand.Abort, Off()).ShouldBeNull();
        KillSwitchRule.Refusal(RolloutCommand.Resume, Off() with { Off = false }).ShouldBeNull();
        KillSwitchRule.Refusal(RolloutCommand.Resume, null).ShouldBeNull();
    }

    [Fact]
    public void Nothing_that_serves_more_happens_while_the_flag_is_off()
    {
        var state = RolloutState.New("recommendations", "recommendations", "r1", Now) with { Phase = RolloutPhase.Observing };
        var advance = new Decision(state, [Move(RolloutTrigger.Advance)], []);
        var rollback = new Decision(state, [Move(RolloutTrigger.Rollback)], []);
        var quiet = Decision.Unchanged(state);

        KillSwitchRule.HoldsRamp(Off(), advance).ShouldBeTrue();
        KillSwitchRule.HoldsRamp(Off(), rollback).ShouldBeFalse();
        KillSwitchRule.HoldsRamp(Off(), quiet).ShouldBeFalse();
        KillSwitchRule.HoldsRamp(Off() with { Off = false }, advance).ShouldBeFalse();
        KillSwitchRule.HoldsRamp(null, advance).ShouldBeFalse();
    }

    [Fact]
    public void The_history_entry_keeps_the_rollouts_phase_and_says_what_was_served_before_and_after()
    {
        var rollout = RolloutState.New("recommendations", "recommendations", "r1", Now) with
        {
            Phase = RolloutPhase.Observing, StageIndex = 1, Weight = 10m,
        };

        var off = KillSwitchRule.Record(Off(), rollout);
        var on = KillSwitchRule.Record(Off(2) with { Off = false, Actor = "bob" }, rollout with { Phase = RolloutPhase.Paused });
        var declaredOnly = KillSwitchRule.Record(Off(), null);

        off.ShouldBe(new Transition("recommendations", RolloutTrigger.SwitchOff, RolloutPhase.Observing, RolloutPhase.Observing, 1, 1, 10m, 0m,
            "alice", "INC-4211", Off().At));
        (on.Trigger, on.From, on.To, on.FromWeight, on.ToWeight, on.Actor).ShouldBe(
            (RolloutTrigger.SwitchOn, RolloutPhase.Paused, RolloutPhase.Paused, 0m, 10m, "bob"));
        (declaredOnly.From, declaredOnly.FromStage, declaredOnly.FromWeight, declaredOnly.ToWeight).ShouldBe((RolloutPhase.Completed, -1, 0m, 0m));
    }

    [Fact]
    public void Off_warns_the_owner_with_the_variant_served_and_how_to_switch_back_on()
    {
        var off = Off();
        var notice = KillSwitchRule.Notice(off, KillSwitchRule.Record(off, null), "enabled");
        var on = Off(2) with { Off = false };
        var back = KillSwitchRule.Notice(on, KillSwitchRule.Record(on, null), "enabled");

        (notice.Kind, notice.Severity).ShouldBe((NoticeKind.SwitchedOff, NoticeSeverity.Warning));
        notice.Summary.ShouldBe("'recommendations' switched off by alice: INC-4211");
        notice.Action.ShouldContain("default variant 'enabled' (reason DISABLED)");
        notice.NextStep.ShouldContain("rolloutctl flag on recommendations");
        (back.Kind, back.Severity, back.NextStep).ShouldBe((NoticeKind.SwitchedOn, NoticeSeverity.Info, "No action needed."));
        IncidentRule.Of(notice.Kind, notice.Transition).ShouldBe(IncidentAction.None);
    }

    [Fact]
    public void Switching_off_is_toward_safety_and_on_away_from_it()
    {
        SafetyRule.IsTowardSafety(RolloutTrigger.SwitchOff).ShouldBeTrue();
        SafetyRule.IsAwayFromSafety(RolloutTrigger.SwitchOn).ShouldBeTrue();
    }

    private static Transition Move(RolloutTrigger trigger) =>
        new("recommendations", trigger, RolloutPhase.Observing, RolloutPhase.Observing, 0, 1, 1m, 10m, "controller", "", Now);
}
