using RolloutController.Rollouts;

namespace RolloutController.IntegrationTests.Store;

public abstract partial class RolloutStoreContractTests
{
    [Fact]
    public async Task Pruning_deletes_old_measurements_and_attempts_and_keeps_state_and_transitions()
    {
        var state = await Store.SaveAsync(NewState(), [NewTransition("checkout-v2", 1, RolloutTrigger.Start)],
            [NewMeasurement("checkout-v2", 1), NewMeasurement("checkout-v2", 2), NewMeasurement("checkout-v2", 10)], Ct);
        await Store.RecordNotificationAttemptAsync(NewAttempt("checkout-v2", 1, 1), Ct);
        await Store.RecordNotificationAttemptAsync(NewAttempt("checkout-v2", 2, 10), Ct);

        var deleted = await Store.PruneAsync(T0.AddMinutes(5), Ct);

        deleted.ShouldBe(3);
        (await Store.GetMeasurementsAsync("checkout-v2", 100, Ct)).ShouldBe([NewMeasurement("checkout-v2", 10)]);
        (await Store.GetNotificationAttemptsAsync("checkout-v2", 100, Ct)).ShouldBe([NewAttempt("checkout-v2", 2, 10)]);
        (await Store.GetTransitionsAsync("checkout-v2", 100, Ct)).Count.ShouldBe(1, "the audit trail is never pruned");
        (await Store.GetAsync("checkout-v2", Ct))!.Version.ShouldBe(state.Version);
        (await Store.PruneAsync(T0.AddMinutes(5), Ct)).ShouldBe(0, "pruning is idempotent");
    }
}
