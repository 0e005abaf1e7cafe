using RolloutController.Flags.Platforms;
using RolloutController.Rollouts;
using PolicyBuilder = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.IntegrationTests.Store;

public abstract partial class RolloutStoreContractTests
{
    [Fact]
    public async Task An_adopted_change_is_stored_with_its_transition_and_read_back_after_a_restart()
    {
        var policy = PolicyBuilder.Default("checkout-v2");
        var paused = await Store.SaveAsync(NewState() with
        {
            Phase = RolloutPhase.Paused, StageIndex = 1, Weight = 10m, StageStartedAt = T0, HoldServed = TimeSpan.FromMinutes(30),
            PauseReason = "the flag was changed on its platform, not by the controller: unleash-prod: rollout 10% → 30%",
        }, [], [], Ct);
        var observed = new PlatformObservation("unleash-prod", new PlatformFlagState(true, true, 30m, []), DriftFound: true, "rollout 10% → 30%");
        var decision = RolloutDecider.Apply(policy, paused, RolloutCommand.Adopt, "carol", "load test approved", T0.AddHours(1), platform: observed)
            .Decision.ShouldNotBeNull();

        await Store.SaveAsync(decision.State, decision.Transitions, [], Ct);

        // As a restarted process (or another replica) reads it.
        var reopened = OpenStore();
        var stored = (await reopened.GetAsync("checkout-v2", Ct)).ShouldNotBeNull();
        (stored.Phase, stored.StageIndex, stored.Weight, stored.ServedWeight).ShouldBe((RolloutPhase.Observing, 1, 30m, 30m));
        (stored.StageStartedAt, stored.HoldServed, stored.HoldCountingSince).ShouldBe((T0.AddHours(1), TimeSpan.Zero, T0.AddHours(1)));
        (stored.PauseReason, stored.ResumedBy).ShouldBe((null, "carol"));
        var adopted = (await reopened.GetTransitionsAsync("checkout-v2", 1, Ct)).ShouldHaveSingleItem();
        (adopted.Trigger, adopted.From, adopted.To, adopted.FromWeight, adopted.ToWeight, adopted.Actor)
            .ShouldBe((RolloutTrigger.Adopt, RolloutPhase.Paused, RolloutPhase.Observing, 10m, 30m, "carol"));
        adopted.Reason.ShouldBe("adopt 30% from unleash-prod (rollout 10% → 30%): load test approved");
    }
}
