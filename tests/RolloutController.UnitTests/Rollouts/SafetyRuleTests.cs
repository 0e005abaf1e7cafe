using RolloutController.Rollouts;
using PolicyBuilder = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>Which moves are served before they are stored, and how they are carried over onto a state another writer stored.</summary>
public sealed class SafetyRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Rollback", true, false)]
    [InlineData("Abort", true, false)]
    [InlineData("Pause", true, false)]
    [InlineData("Exclude", true, false)]
    [InlineData("Include", false, true)]
    [InlineData("Start", false, true)]
    [InlineData("Advance", false, true)]
    [InlineData("Complete", false, true)]
    [InlineData("Resume", false, true)]
    [InlineData("Restart", false, true)]
    [InlineData("Promote", false, true)]
    [InlineData("Warn", false, false)]
    public void Every_trigger_is_classified(string name, bool toward, bool away)
    {
        var trigger = Enum.Parse<RolloutTrigger>(name);
        SafetyRule.IsTowardSafety(trigger).ShouldBe(toward);
        SafetyRule.IsAwayFromSafety(trigger).ShouldBe(away);
    }

    [Fact]
    public void Every_trigger_is_one_or_the_other_except_a_warning()
    {
        foreach (var trigger in Enum.GetValues<RolloutTrigger>().Where(t => t != RolloutTrigger.Warn))
            (SafetyRule.IsTowardSafety(trigger) ^ SafetyRule.IsAwayFromSafety(trigger)).ShouldBeTrue(trigger.ToString());
    }

    [Fact]
    public void A_rollback_decided_on_an_older_state_is_carried_over_onto_an_advance_another_replica_stored()
    {
        var policy = PolicyBuilder.Default();
        var decidedOn = Live(stage: 0, weight: 1m, version: 4);
        var rollback = RolloutDecider.Apply(policy, decidedOn, RolloutCommand.Abort, "oncall", "INC-1", Now).Decision!;
        var advanced = Live(stage: 1, weight: 10m, version: 5);

        var carried = SafetyRule.Reapply(advanced, rollback.State, rollback.Transitions, Now);

        carried.State.Phase.ShouldBe(RolloutPhase.Aborted);
        carried.State.ServedWeight.ShouldBe(0m);
        carried.State.Version.ShouldBe(5, "it applies to what is stored now");
        var t = carried.Transitions.ShouldHaveSingleItem();
        (t.Trigger, t.FromWeight, t.ToWeight, t.Actor, t.Reason).ShouldBe((RolloutTrigger.Abort, 10m, 0m, "oncall", "INC-1"));
    }

    [Fact]
    public void A_move_the_rollout_is_already_past_is_dropped()
    {
        var policy = PolicyBuilder.Default();
        var decidedOn = Live(stage: 0, weight: 1m, version: 4);
        var pause = RolloutDecider.Apply(policy, decidedOn, RolloutCommand.Pause, "oncall", "hold", Now).Decision!;
        var abortedElsewhere = decidedOn with { Phase = RolloutPhase.Aborted, Weight = 0m, Version = 5 };

        var carried = SafetyRule.Reapply(abortedElsewhere, pause.State, pause.Transitions, Now);

        carried.Transitions.ShouldBeEmpty();
        carried.State.ShouldBe(abortedElsewhere);
    }

    [Fact]
    public void Decisions_are_toward_safety_only_without_any_move_away()
    {
        var policy = PolicyBuilder.Default();
        var state = Live(stage: 0, weight: 1m, version: 1);
        SafetyRule.IsTowardSafety(RolloutDecider.Apply(policy, state, RolloutCommand.Abort, "a", "r", Now).Decision!).ShouldBeTrue();
        SafetyRule.IsTowardSafety(Decision.Unchanged(state)).ShouldBeFalse("no transition, nothing to serve first");
        var promote = RolloutDecider.Apply(policy, state, RolloutCommand.Promote, "a", "r", Now).Decision!;
        SafetyRule.IsTowardSafety(promote).ShouldBeFalse();
        SafetyRule.IsAwayFromSafety(promote).ShouldBeTrue();
    }

    private static RolloutState Live(int stage, decimal weight, long version) =>
        RolloutState.New("new-checkout", "new-checkout", "rev1", Now) with
        {
            Phase = RolloutPhase.Observing, StageIndex = stage, Weight = weight, Version = version, HoldCountingSince = Now, StageStartedAt = Now,
        };
}
