using RolloutController.Audit;
using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>
/// The store as the rest of the controller uses it: every call's failure is reported to <see cref="StoreHealth"/>
/// (counted, logged once, shown in <c>/readyz</c>), every success clears it. A lost version race is not a failure.
/// </summary>
internal sealed class ObservedRolloutStore(IRolloutStore inner, StoreHealth health) : IRolloutStore, IAsyncDisposable, IDisposable
{
    public IRolloutStore Inner => inner;

    public Task MigrateAsync(CancellationToken cancellationToken) => Run("migrate", () => Done(inner.MigrateAsync(cancellationToken)));

    public Task<RolloutState?> GetAsync(string flagKey, CancellationToken cancellationToken) => Run("get", () => inner.GetAsync(flagKey, cancellationToken));

    public Task<IReadOnlyList<RolloutState>> ListAsync(CancellationToken cancellationToken) => Run("list", () => inner.ListAsync(cancellationToken));

    public Task<RolloutState> SaveAsync(RolloutState state, IReadOnlyList<Transition> transitions, IReadOnlyList<MeasurementRecord> measurements,
        CancellationToken cancellationToken) => Run("save", () => inner.SaveAsync(state, transitions, measurements, cancellationToken));

    public Task<IReadOnlyList<RolloutState?>> SaveManyAsync(IReadOnlyList<RolloutWrite> writes, CancellationToken cancellationToken) =>
        Run("save", () => inner.SaveManyAsync(writes, cancellationToken));

    public Task<AuditRecord?> AppendAuditAsync(AuditEntry entry, bool unlessUnchanged, CancellationToken cancellationToken) =>
        Run("audit", () => inner.AppendAuditAsync(entry, unlessUnchanged, cancellationToken));

    public Task<IReadOnlyList<AuditRecord>> GetAuditAsync(long after, DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        Run("audit", () => inner.GetAuditAsync(after, since, limit, cancellationToken));

    public Task<AuditRecord?> GetLastAuditAsync(string subject, string action, CancellationToken cancellationToken) =>
        Run("audit", () => inner.GetLastAuditAsync(subject, action, cancellationToken));

    public Task<IReadOnlyList<Transition>> GetTransitionsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        Run("read_history", () => inner.GetTransitionsAsync(flagKey, limit, cancellationToken));

    public Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        Run("read_history", () => inner.GetMeasurementsAsync(flagKey, limit, cancellationToken));

    public Task RecordNotificationAttemptAsync(NotificationAttempt attempt, CancellationToken cancellationToken) =>
        Run("outbox", () => Done(inner.RecordNotificationAttemptAsync(attempt, cancellationToken)));

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => Run("prune", () => inner.PruneAsync(before, cancellationToken));

    public Task<IReadOnlyList<NotificationAttempt>> GetNotificationAttemptsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        Run("read_history", () => inner.GetNotificationAttemptsAsync(flagKey, limit, cancellationToken));

    public Task AddToOutboxAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken) =>
        Run("outbox", () => Done(inner.AddToOutboxAsync(deliveries, cancellationToken)));

    public Task<IReadOnlyList<OutboxDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        Run("outbox", () => inner.ClaimDueAsync(owner, now, lease, limit, cancellationToken));

    public Task<bool> CompleteDeliveryAsync(OutboxDelivery delivery, NotificationAttempt attempt, string owner, CancellationToken cancellationToken) =>
        Run("outbox", () => inner.CompleteDeliveryAsync(delivery, attempt, owner, cancellationToken));

    public Task<IReadOnlyList<OutboxDelivery>> ClaimHeldAsync(string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken) =>
        Run("outbox", () => inner.ClaimHeldAsync(owner, now, hold, cancellationToken));

    public Task<IReadOnlyList<OutboxDelivery>> ClaimRepostsAsync(
        string channelType, IReadOnlyList<string> kinds, string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken) =>
        Run("outbox", () => inner.ClaimRepostsAsync(channelType, kinds, owner, now, hold, cancellationToken));

    public Task ReleaseClaimsAsync(CancellationToken cancellationToken) => Run("outbox", () => Done(inner.ReleaseClaimsAsync(cancellationToken)));

    public Task<IReadOnlyList<OutboxDelivery>> GetDeliveriesAsync(string? status, string? flagKey, int limit, CancellationToken cancellationToken) =>
        Run("outbox", () => inner.GetDeliveriesAsync(status, flagKey, limit, cancellationToken));

    public Task<bool> SaveSwitchAsync(FlagSwitchWrite write, CancellationToken cancellationToken) =>
        Run("save", () => inner.SaveSwitchAsync(write, cancellationToken));

    public Task<IReadOnlyList<Flags.FlagSwitch>> ListSwitchesAsync(CancellationToken cancellationToken) =>
        Run("list", () => inner.ListSwitchesAsync(cancellationToken));

    public Task<bool> SaveReminderAsync(ReminderWrite write, CancellationToken cancellationToken) =>
        Run("save", () => inner.SaveReminderAsync(write, cancellationToken));

    public Task<IReadOnlyList<Lifecycle.ReviewReminder>> ListRemindersAsync(CancellationToken cancellationToken) =>
        Run("list", () => inner.ListRemindersAsync(cancellationToken));

    public Task<int> RetryAbandonedAsync(int extraAttempts, DateTimeOffset now, CancellationToken cancellationToken) =>
        Run("outbox", () => inner.RetryAbandonedAsync(extraAttempts, now, cancellationToken));

    private async Task<T> Run<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            var result = await call();
            health.Succeeded();
            return result;
        }
        catch (ConcurrencyConflictException)
        {
            health.Succeeded();
            throw;
        }
        catch (StoreException e)
        {
            health.Failed(operation, e);
            throw;
        }
    }

    private static async Task<bool> Done(Task task)
    {
        await task;
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (inner is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    public void Dispose()
    {
        if (inner is IDisposable disposable) disposable.Dispose();
    }
}
