using RolloutController.Lifecycle;
using RolloutController.Store;

namespace RolloutController.IntegrationTests.Store;

public abstract partial class RolloutStoreContractTests
{
    private static ReviewReminder Reminder(string flag, ReminderKind kind, long sent, int day) =>
        new(flag, kind, new DateOnly(2026, 12, 15), T0.AddDays(day).AddTicks(1_234_560), sent);

    private static ReminderWrite ReminderWrite(ReviewReminder reminder, params OutboxDelivery[] outbox) => new(reminder, outbox);

    [Fact]
    public async Task A_reminder_is_stored_with_its_notices_and_listed_as_stored()
    {
        var first = Reminder("new-checkout", ReminderKind.ReviewDue, 1, 0);
        var notice = Delivery("reminder-1", "webhook[0]", "review_due", OutboxStatus.Pending) with { FlagKey = "new-checkout" };

        (await Store.SaveReminderAsync(ReminderWrite(first, notice), Ct)).ShouldBeTrue();

        (await Store.ListRemindersAsync(Ct)).ShouldBe([ReminderRow.AsStored(first)]);
        (await Store.GetDeliveriesAsync(OutboxStatus.Pending, "new-checkout", 10, Ct)).Select(d => (d.NotificationId, d.Kind))
            .ShouldBe([("reminder-1", "review_due")]);
    }

    [Fact]
    public async Task A_reminder_sent_by_another_replica_or_before_a_restart_is_not_stored_again_nor_its_notices()
    {
        (await Store.SaveReminderAsync(ReminderWrite(Reminder("new-checkout", ReminderKind.ReviewDue, 1, 0)), Ct)).ShouldBeTrue();
        (await Store.SaveReminderAsync(ReminderWrite(Reminder("new-checkout", ReminderKind.RemoveFromCode, 1, 0)), Ct)).ShouldBeTrue();

        // A second replica (its own store instance) decided on the same row: only one of two racing writes wins.
        var replicas = new[] { Store, OpenStore() };
        var week = Reminder("new-checkout", ReminderKind.ReviewDue, 2, 7);
        var raced = await Task.WhenAll(replicas.Select((store, i) => store.SaveReminderAsync(
            ReminderWrite(week, Delivery($"weekly-{i}", "webhook[0]", "review_due", OutboxStatus.Pending) with { FlagKey = "new-checkout" }), Ct)));
        raced.Count(won => won).ShouldBe(1);

        // A restarted process reads what was sent and decides nothing; the same count again, or a first one again, stores nothing.
        var restarted = OpenStore();
        (await restarted.SaveReminderAsync(ReminderWrite(week, Delivery("late", "webhook[0]", "review_due", OutboxStatus.Pending)), Ct)).ShouldBeFalse();
        (await restarted.SaveReminderAsync(ReminderWrite(Reminder("new-checkout", ReminderKind.ReviewDue, 1, 8)), Ct)).ShouldBeFalse();

        (await restarted.ListRemindersAsync(Ct)).ShouldBe([
            ReminderRow.AsStored(Reminder("new-checkout", ReminderKind.RemoveFromCode, 1, 0)), ReminderRow.AsStored(week)]);
        (await Store.GetDeliveriesAsync(null, null, 10, Ct)).Count(d => d.Kind == "review_due").ShouldBe(1);
    }
}
