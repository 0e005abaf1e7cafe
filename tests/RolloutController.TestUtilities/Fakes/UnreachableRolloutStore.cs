using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.TestUtilities.Fakes;

/// <summary>A store whose database is down: every call fails the way the real stores report it.</summary>
internal sealed class UnreachableRolloutStore : IRolloutStore
{
    private static Task<T> Down<T>(string operation) =>
        Task.FromException<T>(new StoreException($"PostgreSQL store: {operation} failed: connection refused"));

    public Task MigrateAsync(CancellationToken cancellationToken) => Down<bool>("migrating the schema");

    public Task<RolloutState?> GetAsync(string flagKey, CancellationToken cancellationToken) => Down<RolloutState?>($"reading rollout '{flagKey}'");

    public Task<IReadOnlyList<RolloutState>> ListAsync(CancellationToken cancellationToken) => Down<IReadOnlyList<RolloutState>>("listing rollouts");

    public Task<RolloutState> SaveAsync(RolloutState state, IReadOnlyList<Transition> transitions, IReadOnlyList<MeasurementRecord> measurements,
        CancellationToken cancellationToken) => Down<RolloutState>($"saving rollout '{state.FlagKey}'");

    public Task<IReadOnlyList<RolloutState?>> SaveManyAsync(IReadOnlyList<RolloutWrite> writes, CancellationToken cancellationToken) =>
        Down<IReadOnlyList<RolloutState?>>($"saving {writes.Count} rollouts");

    public Task<RolloutController.Audit.AuditRecord?> AppendAuditAsync(RolloutController.Audit.AuditEntry entry, bool unlessUnchanged, CancellationToken cancellationToken) =>
        Down<RolloutController.Audit.AuditRecord?>("appending to the audit log");

    public Task<IReadOnlyList<RolloutController.Audit.AuditRecord>> GetAuditAsync(long after, DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        Down<IReadOnlyList<RolloutController.Audit.AuditRecord>>("reading the audit log");

    public Task<RolloutController.Audit.AuditRecord?> GetLastAuditAsync(string subject, string action, CancellationToken cancellationToken) =>
        Down<RolloutController.Audit.AuditRecord?>("reading the audit log");

    public Task<IReadOnlyList<Transition>> GetTransitionsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        Down<IReadOnlyList<Transition>>("reading transitions");

    public Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        Down<IReadOnlyList<MeasurementRecord>>("reading measurements");

    public Task RecordNotificationAttemptAsync(NotificationAttempt attempt, CancellationToken cancellationToken) => Down<bool>("recording an attempt");

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => Down<int>("pruning");

    public Task<IReadOnlyList<NotificationAttempt>> GetNotificationAttemptsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        Down<IReadOnlyList<NotificationAttempt>>("reading attempts");

    public Task AddToOutboxAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken) => Down<bool>("storing notices");

    public Task<IReadOnlyList<OutboxDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        Down<IReadOnlyList<OutboxDelivery>>("claiming notices");

    public Task<bool> CompleteDeliveryAsync(OutboxDelivery delivery, NotificationAttempt attempt, string owner, CancellationToken cancellationToken) =>
        Down<bool>("recording an attempt");

    public Task<IReadOnlyList<OutboxDelivery>> ClaimHeldAsync(string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken) =>
        Down<IReadOnlyList<OutboxDelivery>>("claiming notices held for a digest");

    public Task<IReadOnlyList<OutboxDelivery>> ClaimRepostsAsync(
        string channelType, IReadOnlyList<string> kinds, string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken) =>
        Down<IReadOnlyList<OutboxDelivery>>("claiming incidents to re-post");

    public Task ReleaseClaimsAsync(CancellationToken cancellationToken) => Down<bool>("releasing claims");

    public Task<IReadOnlyList<OutboxDelivery>> GetDeliveriesAsync(string? status, string? flagKey, int limit, CancellationToken cancellationToken) =>
        Down<IReadOnlyList<OutboxDelivery>>("listing notices");

    public Task<bool> SaveSwitchAsync(FlagSwitchWrite write, CancellationToken cancellationToken) =>
        Down<bool>($"switching flag '{write.Switch.FlagKey}'");

    public Task<IReadOnlyList<RolloutController.Flags.FlagSwitch>> ListSwitchesAsync(CancellationToken cancellationToken) =>
        Down<IReadOnlyList<RolloutController.Flags.FlagSwitch>>("listing flag switches");

    public Task<bool> SaveReminderAsync(ReminderWrite write, CancellationToken cancellationToken) =>
        Down<bool>($"storing a reminder of flag '{write.Reminder.FlagKey}'");

    public Task<IReadOnlyList<RolloutController.Lifecycle.ReviewReminder>> ListRemindersAsync(CancellationToken cancellationToken) =>
        Down<IReadOnlyList<RolloutController.Lifecycle.ReviewReminder>>("listing review reminders");

    public Task<int> RetryAbandonedAsync(int extraAttempts, DateTimeOffset now, CancellationToken cancellationToken) => Down<int>("retrying notices");
}
