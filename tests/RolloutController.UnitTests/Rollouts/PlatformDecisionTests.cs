using RolloutController.Analysis;
using RolloutController.Flags.Platforms;
using RolloutController.Policies;
using RolloutController.Rollouts;
using P = RolloutController.TestUtilities.Builders.Policies;
using RolloutController.TestUtilities.Time;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>The flag platform's reading in the decider: it holds the gate, counts as an error, and a drift pauses.</summary>
public sealed class PlatformDecisionTests
{
    private static readonly DateTimeOffset T0 = TestClock.Start;

    private static RolloutState HoldServed(RolloutPolicy policy) => new()
    {
        FlagKey = policy.Flag.Key,
        PolicyName = policy.Metadata.Name,
        Phase = RolloutPhase.Observing,
        StageIndex = 0,
        Weight = 1m,
        StageStartedAt = T0.AddDays(-2),
        HoldServed = TimeSpan.FromDays(2),
        HoldCountingSince = null,
    };

    private static Measurement Reading(PlatformSyncStatus status) => PlatformReading.Of("unleash-prod", status, 1m, "detail", T0);

    [Fact]
    public void In_sync_the_rollout_advances()
    {
        var policy = P.Default();
        var d = RolloutDecider.Evaluate(policy, HoldServed(policy), [.. P.AllPass(policy, T0), Reading(PlatformSyncStatus.InSync)], T0);

        d.Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Advance);
    }

    [Theory]
    [InlineData("Applying")]
    [InlineData("Unreachable")]
    public void A_platform_not_confirming_holds_the_gate(string statusName)
    {
        var status = Enum.Parse<PlatformSyncStatus>(statusName);
        var policy = P.Default();
        var state = HoldServed(policy);
        var measurements = (IReadOnlyList<Measurement>)[.. P.AllPass(policy, T0), Reading(status)];

        RolloutDecider.Evaluate(policy, state, measurements, T0).Transitions.ShouldBeEmpty();
        AdvanceGate.Blocked(policy, state, measurements, T0).ShouldContain("unleash-prod: detail");
    }

    [Fact]
    public void A_platform_that_stays_down_pauses_at_the_error_limit_like_prometheus()
    {
        var policy = P.Default(errorLimit: 2);
        var state = HoldServed(policy) with { ConsecutiveErrorRounds = 1 };

        var d = RolloutDecider.Evaluate(policy, state, [.. P.AllPass(policy, T0), Reading(PlatformSyncStatus.Unreachable)], T0);

        d.Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Pause);
    }

    [Fact]
    public void A_change_by_hand_pauses_and_names_adopt_resume_and_abort()
    {
        var policy = P.Default();

        var d = RolloutDecider.Evaluate(policy, HoldServed(policy), [.. P.AllPass(policy, T0), Reading(PlatformSyncStatus.Drifted)], T0);

        d.State.Phase.ShouldBe(RolloutPhase.Paused);
        var notice = d.Notices.Single();
        notice.Summary.ShouldBe("'new-checkout' paused at 1%: the flag was changed on its platform, not by the controller: unleash-prod: detail");
        notice.NextStep.ShouldStartWith("To keep the change and go on from it: rolloutctl adopt new-checkout --reason");
        notice.NextStep.ShouldContain("To overwrite it with the rollout's 1%: rolloutctl resume new-checkout --reason");
        notice.NextStep.ShouldContain("To turn the flag off: rolloutctl abort new-checkout --reason");
    }
}
