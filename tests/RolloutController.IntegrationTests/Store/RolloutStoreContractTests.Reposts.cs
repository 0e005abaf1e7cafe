using RolloutController.Store;

namespace RolloutController.IntegrationTests.Store;

public abstract partial class RolloutStoreContractTests
{
    private static OutboxDelivery Delivery(string id, string channel, string kind, string status) =>
        new(id, "oncall", channel, "checkout-v2", kind, "critical", "{}", status, status == OutboxStatus.Pending ? 0 : 1, 6,
            T0, null, T0, T0);

    [Fact]
    public async Task Reposts_claim_sent_and_abandoned_deliveries_of_a_channel_type_and_kinds_one_owner_at_a_time()
    {
        await Store.AddToOutboxAsync(
        [
            Delivery("n1", "alertmanager[0]", "rolled_back", OutboxStatus.Delivered),
            Delivery("n2", "alertmanager[1]", "paused", OutboxStatus.Abandoned),
            Delivery("n3", "alertmanager[0]", "rolled_back", OutboxStatus.Pending),
            Delivery("n4", "webhook[0]", "rolled_back", OutboxStatus.Delivered),
            Delivery("n5", "alertmanager[0]", "advanced", OutboxStatus.Delivered),
            Delivery("n6", "alertmanager[0]", "paused", OutboxStatus.Held),
        ], Ct);
        string[] kinds = ["rolled_back", "paused"];

        var claimed = await Store.ClaimRepostsAsync("alertmanager", kinds, "a", T0, TimeSpan.FromSeconds(30), Ct);

        claimed.Select(d => (d.NotificationId, d.Channel)).OrderBy(d => d.NotificationId)
            .ShouldBe([("n1", "alertmanager[0]"), ("n2", "alertmanager[1]")]);
        (await Store.ClaimRepostsAsync("alertmanager", kinds, "b", T0.AddSeconds(29), TimeSpan.FromSeconds(30), Ct)).ShouldBeEmpty();
        (await Store.ClaimRepostsAsync("alertmanager", kinds, "b", T0.AddSeconds(31), TimeSpan.FromSeconds(30), Ct)).Count.ShouldBe(2);
        // The pending delivery stays the dispatcher's to claim, and delivering it is unaffected.
        var due = (await Store.ClaimDueAsync("dispatcher", T0.AddSeconds(31), TimeSpan.FromMinutes(1), 10, Ct)).ShouldHaveSingleItem();
        due.NotificationId.ShouldBe("n3");
        (await Store.ClaimRepostsAsync("alertmanager", [], "c", T0.AddHours(1), TimeSpan.FromSeconds(30), Ct)).ShouldBeEmpty();
    }
}
