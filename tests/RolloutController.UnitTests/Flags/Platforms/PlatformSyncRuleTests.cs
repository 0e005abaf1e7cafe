using RolloutController.Analysis.Segments;
using RolloutController.Flags.Platforms;
using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Flags.Platforms;

public sealed class PlatformSyncRuleTests
{
    private static PlatformFlagState On(decimal weight, params SegmentLabel[] excluded) => new(true, true, weight, excluded);

    private static readonly PlatformFlagState Off = new(true, false, 0m, []);
    private static readonly PlatformFlagState Missing = new(false, false, 0m, []);

    [Fact]
    public void What_the_platform_serves_already_is_in_sync() =>
        PlatformSyncRule.Decide(On(10), null, On(10), driftUnresolved: false).ShouldBe(PlatformSyncStep.InSync);

    [Fact]
    public void The_first_time_a_flag_that_serves_nobody_is_written()
    {
        PlatformSyncRule.Decide(On(1), null, Missing, false).ShouldBe(PlatformSyncStep.Write);
        PlatformSyncRule.Decide(On(1), null, Off, false).ShouldBe(PlatformSyncStep.Write);
    }

    [Fact]
    public void The_first_time_a_flag_that_serves_something_else_is_drift() =>
        PlatformSyncRule.Decide(On(10), null, On(30), false).ShouldBe(PlatformSyncStep.Drifted);

    [Fact]
    public void The_next_stage_is_written_over_what_the_controller_confirmed() =>
        PlatformSyncRule.Decide(On(50), On(10), On(10), false).ShouldBe(PlatformSyncStep.Write);

    [Theory]
    [InlineData("rollout")]
    [InlineData("removed")]
    [InlineData("switched")]
    [InlineData("constraints")]
    public void A_change_since_the_last_confirmation_is_drift(string change)
    {
        var byHand = change switch
        {
            "rollout" => On(30),
            "removed" => Missing with { Enabled = true },
            "switched" => Off with { Weight = 10 },
            _ => On(10, new SegmentLabel("plan", "free")),
        };

        PlatformSyncRule.Decide(On(50), On(10), byHand, false).ShouldBe(PlatformSyncStep.Drifted);
    }

    [Fact]
    public void An_unresolved_drift_is_not_overwritten_but_a_move_to_zero_always_is()
    {
        PlatformSyncRule.Decide(On(10), On(10), On(30), driftUnresolved: true).ShouldBe(PlatformSyncStep.Drifted);
        PlatformSyncRule.Decide(Off, On(10), On(30), driftUnresolved: true).ShouldBe(PlatformSyncStep.Write);
    }

    [Fact]
    public void A_flag_off_matches_whatever_weight_its_rule_keeps() =>
        Off.Matches(Off with { Weight = 10 }).ShouldBeTrue();

    [Fact]
    public void Only_observing_again_after_the_drifts_pause_is_a_persons_resume()
    {
        static RolloutState At(RolloutPhase phase, long version) => new()
        {
            FlagKey = "f", PolicyName = "p", Phase = phase, StageIndex = 1, Weight = 10m, Version = version,
        };

        // Drift found at version 5: a round stored before the pause (6, observing) is not a resume.
        PlatformSyncRule.ResolvesDrift(At(RolloutPhase.Observing, 6), pausedVersion: null).ShouldBeFalse();
        // Paused at 7: a stale refresh of 6 is not one either; observing at 8 is.
        PlatformSyncRule.ResolvesDrift(At(RolloutPhase.Observing, 6), pausedVersion: 7).ShouldBeFalse();
        PlatformSyncRule.ResolvesDrift(At(RolloutPhase.Observing, 8), pausedVersion: 7).ShouldBeTrue();
        PlatformSyncRule.ResolvesDrift(At(RolloutPhase.Paused, 8), pausedVersion: 7).ShouldBeFalse();
    }

    [Fact]
    public void Changes_are_said_in_words()
    {
        PlatformSyncRule.Change(On(10), On(30)).ShouldBe("rollout 10% → 30%");
        PlatformSyncRule.Change(On(10), Missing with { Enabled = true }).ShouldBe("the controller's rollout rule was removed");
        PlatformSyncRule.Change(On(10), Off with { Weight = 10 }).ShouldBe("the environment was switched off");
        PlatformSyncRule.Change(null, On(30)).ShouldBe("the flag serves on at 30%, not what the rollout serves");
    }
}
