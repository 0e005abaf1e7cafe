using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.IntegrationTests.Api;

/// <summary>The real store, except that its first <paramref name="failures"/> saves fail as a database outage would.</summary>
internal sealed class FailingSavesStore(IRolloutStore inner, int failures) : IRolloutStore, IAsyncDisposable
{
    private int _failuresLeft = failures;

    public Task<RolloutState> SaveAsync(RolloutState state, IReadOnlyList<Transition> transitions, IReadOnlyList<MeasurementRecord> measurements, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref _failuresLeft) >= 0
            ? throw new StoreException($"test outage: saving rollout '{state.FlagKey}' failed")
            : inner.SaveAsync(state, transitions, measurements, cancellationToken);

    public Task<IReadOnlyList<RolloutState?>> SaveManyAsync(IReadOnlyList<RolloutWrite> writes, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref _failuresLeft) >= 0
            ? throw new StoreException($"test outage: saving {writes.Count} rollouts failed")
            : inner.SaveManyAsync(writes, cancellationToken);

    public Task MigrateAsync(CancellationToken cancellationToken) => inner.MigrateAsync(cancellationToken);

    public Task<RolloutState?> GetAsync(string flagKey, CancellationToken cancellationToken) => inner.GetAsync(flagKey, cancellationToken);

    public Task<IReadOnlyList<RolloutState>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public Task<RolloutController.Audit.AuditRecord?> AppendAuditAsync(RolloutController.Audit.AuditEntry entry, bool unlessUnchanged, CancellationToken cancellationToken) =>
        inner.AppendAuditAsync(entry, unlessUnchanged, cancellationToken);

    public Task<IReadOnlyList<RolloutController.Audit.AuditRecord>> GetAuditAsync(long after, DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        inner.GetAuditAsync(after, since, limit, cancellationToken);

    public Task<RolloutController.Audit.AuditRecord?> GetLastAuditAsync(string subject, string action, CancellationToken cancellationToken) =>
        inner.GetLastAuditAsync(subject, action, cancellationToken);

    public Task<IReadOnlyList<Transition>> GetTransitionsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        inner.GetTransitionsAsync(flagKey, limit, cancellationToken);

    public Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        inner.GetMeasurementsAsync(flagKey, limit, cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => inner.PruneAsync(before, cancellationToken);

    public Task RecordNotificationAttemptAsync(NotificationAttempt attempt, CancellationToken cancellationToken) =>
        inner.RecordNotificationAttemptAsync(attempt, cancellationToken);

    public Task<IReadOnlyList<NotificationAttempt>> GetNotificationAttemptsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        inner.GetNotificationAttemptsAsync(flagKey, limit, cancellationToken);

    public Task AddToOutboxAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken) =>
        inner.AddToOutboxAsync(deliveries, cancellationToken);

    public Task<IReadOnlyList<OutboxDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        inner.ClaimDueAsync(owner, now, lease, limit, cancellationToken);

    public Task<bool> CompleteDeliveryAsync(OutboxDelivery delivery, NotificationAttempt attempt, string owner, CancellationToken cancellationToken) =>
        inner.CompleteDeliveryAsync(delivery, attempt, owner, cancellationToken);

    public Task<IReadOnlyList<OutboxDelivery>> ClaimHeldAsync(string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken) =>
        inner.ClaimHeldAsync(owner, now, hold, cancellationToken);

    public Task<IReadOnlyList<OutboxDelivery>> ClaimRepostsAsync(
        string channelType, IReadOnlyList<string> kinds, string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken) =>
        inner.ClaimRepostsAsync(channelType, kinds, owner, now, hold, cancellationToken);

    public Task ReleaseClaimsAsync(CancellationToken cancellationToken) => inner.ReleaseClaimsAsync(cancellationToken);

    public Task<IReadOnlyList<OutboxDelivery>> GetDeliveriesAsync(string? status, string? flagKey, int limit, CancellationToken cancellationToken) =>
        inner.GetDeliveriesAsync(status, flagKey, limit, cancellationToken);

    public Task<bool> SaveSwitchAsync(FlagSwitchWrite write, CancellationToken cancellationToken) =>
        Interlocked.Decrement(ref _failuresLeft) >= 0
            ? throw new StoreException($"test outage: switching flag '{write.Switch.FlagKey}' failed")
            : inner.SaveSwitchAsync(write, cancellationToken);

    public Task<IReadOnlyList<RolloutController.Flags.FlagSwitch>> ListSwitchesAsync(CancellationToken cancellationToken) => inner.ListSwitchesAsync(cancellationToken);

    public Task<bool> SaveReminderAsync(ReminderWrite write, CancellationToken cancellationToken) => inner.SaveReminderAsync(write, cancellationToken);

    public Task<IReadOnlyList<RolloutController.Lifecycle.ReviewReminder>> ListRemindersAsync(CancellationToken cancellationToken) =>
        inner.ListRemindersAsync(cancellationToken);

    public Task<int> RetryAbandonedAsync(int extraAttempts, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.RetryAbandonedAsync(extraAttempts, now, cancellationToken);

    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
