using RolloutController.Store;

namespace RolloutController.IntegrationTests.Store;

public abstract partial class RolloutStoreContractTests
{
    private static OutboxDelivery HeldDelivery(string id, DateTimeOffset due) =>
        new(id, "slack-releases", "slack[0]", "checkout-v2", "advanced", "info", "{}", OutboxStatus.Held, 0, 6, due, null, T0, T0);

    [Fact]
    public async Task Held_deliveries_are_claimed_once_due_by_one_owner_and_never_again_once_digested()
    {
        await Store.AddToOutboxAsync([HeldDelivery("h1", T0.AddMinutes(1)), HeldDelivery("h2", T0.AddMinutes(1)), HeldDelivery("h3", T0.AddMinutes(2))], Ct);

        (await Store.ClaimHeldAsync("a", T0, TimeSpan.FromSeconds(30), Ct)).ShouldBeEmpty();
        (await Store.ClaimDueAsync("dispatcher", T0.AddHours(1), TimeSpan.FromSeconds(30), 10, Ct)).ShouldBeEmpty("held deliveries are never sent by themselves");
        var claimed = await Store.ClaimHeldAsync("a", T0.AddMinutes(1), TimeSpan.FromSeconds(30), Ct);
        claimed.Select(d => d.NotificationId).Order().ShouldBe(["h1", "h2"]);
        (await Store.ClaimHeldAsync("b", T0.AddMinutes(1).AddSeconds(10), TimeSpan.FromSeconds(30), Ct)).ShouldBeEmpty();

        foreach (var d in claimed)
        {
            var attempt = new NotificationAttempt(d.NotificationId, d.FlagKey, d.Kind, d.Route, d.Channel, 1, "digested", null, null, T0.AddMinutes(1));
            (await Store.CompleteDeliveryAsync(d with { Status = OutboxStatus.Digested }, attempt, "a", Ct)).ShouldBeTrue();
        }

        (await Store.ClaimHeldAsync("b", T0.AddHours(1), TimeSpan.FromSeconds(30), Ct)).Select(d => d.NotificationId).ShouldBe(["h3"]);
        (await Store.GetDeliveriesAsync(OutboxStatus.Digested, null, 10, Ct)).Count.ShouldBe(2);
    }
}
