using RolloutController.Audit;
using RolloutController.Flags;
using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>
/// Durable state of every rollout: current state, transitions (the audit trail), measurements and notification attempts.
/// One contract, implemented per database dialect; driver exceptions are translated to <see cref="StoreException"/> subtypes here.
/// </summary>
internal interface IRolloutStore
{
    /// <summary>Creates or upgrades the schema to the latest version. Idempotent; safe to call from several replicas.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    Task<RolloutState?> GetAsync(string flagKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<RolloutState>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Atomically stores <paramref name="state"/> with the transitions and measurements that led to it.
    /// Inserts when <c>state.Version</c> is 0, otherwise updates only if the stored version still equals <c>state.Version</c>.
    /// Returns the state with its new version. Throws <see cref="ConcurrencyConflictException"/> when another writer got there first.
    /// </summary>
    Task<RolloutState> SaveAsync(
        RolloutState state,
        IReadOnlyList<Transition> transitions,
        IReadOnlyList<MeasurementRecord> measurements,
        CancellationToken cancellationToken);

    /// <summary>
    /// Stores several rollouts' writes in one transaction (one commit, one fsync), each under the same rule as
    /// <see cref="SaveAsync"/>. A write whose version check fails is left out — null at its position in the result — and
    /// does not affect the others. A database failure fails them all (<see cref="StoreException"/>).
    /// </summary>
    /// <returns>For each write, in order, the state with its new version, or null when another writer got there first.</returns>
    async Task<IReadOnlyList<RolloutState?>> SaveManyAsync(IReadOnlyList<RolloutWrite> writes, CancellationToken cancellationToken)
    {
        var saved = new List<RolloutState?>(writes.Count);
        foreach (var write in writes)
        {
            try
            {
                saved.Add(await SaveAsync(write.State, write.Transitions, write.Measurements, cancellationToken));
            }
            catch (ConcurrencyConflictException)
            {
                saved.Add(null);
            }
        }
        return saved;
    }

    /// <summary>
    /// Appends <paramref name="entry"/> to the hash-chained audit log and returns it as stored (numbered, hashed). With
    /// <paramref name="unlessUnchanged"/>, nothing is appended (null) when the newest entry of the same subject and action
    /// already has the same <see cref="AuditEntry.After"/> (several replicas loading the same policy revision record it
    /// once); an entry appended so without <see cref="AuditEntry.Before"/> gets that newest entry's After as its Before.
    /// Every saved transition is appended by the save itself, in its transaction. Never pruned.
    /// </summary>
    Task<AuditRecord?> AppendAuditAsync(AuditEntry entry, bool unlessUnchanged, CancellationToken cancellationToken);

    /// <summary>Audit entries numbered after <paramref name="after"/> that happened at or after <paramref name="since"/>, oldest first.</summary>
    Task<IReadOnlyList<AuditRecord>> GetAuditAsync(long after, DateTimeOffset since, int limit, CancellationToken cancellationToken);

    /// <summary>The newest audit entry of <paramref name="subject"/> and <paramref name="action"/>, or null.</summary>
    Task<AuditRecord?> GetLastAuditAsync(string subject, string action, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<Transition>> GetTransitionsAsync(string flagKey, int limit, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string flagKey, int limit, CancellationToken cancellationToken);

    Task RecordNotificationAttemptAsync(NotificationAttempt attempt, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes measurements and notification attempts recorded before <paramref name="before"/>, in one transaction.
    /// Rollout state and transitions (the audit trail) are never pruned. Returns the number of rows deleted.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<NotificationAttempt>> GetNotificationAttemptsAsync(string flagKey, int limit, CancellationToken cancellationToken);

    /// <summary>Stores notices that no transition raised (e.g. a warning that a safety action is not stored yet).</summary>
    Task AddToOutboxAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due deliveries for <paramref name="owner"/> until <paramref name="now"/> +
    /// <paramref name="lease"/>: pending, due, and not claimed by a lease still running. No other owner gets them meanwhile.
    /// </summary>
    Task<IReadOnlyList<OutboxDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt and the delivery's new status in one transaction, and releases the claim. False (and nothing
    /// recorded but the attempt) when <paramref name="owner"/> no longer holds the claim.
    /// </summary>
    Task<bool> CompleteDeliveryAsync(OutboxDelivery delivery, NotificationAttempt attempt, string owner, CancellationToken cancellationToken);

    /// <summary>
    /// Claims for <paramref name="owner"/> until <paramref name="now"/> + <paramref name="hold"/> every sent or abandoned
    /// delivery to a channel of <paramref name="channelType"/> (<c>alertmanager[0]</c>…) whose kind is one of
    /// <paramref name="kinds"/> and that nobody holds, and returns them: the incidents whose alerts this replica re-posts
    /// in this round. Pending deliveries are the dispatcher's, held ones the digest's: neither is claimed here.
    /// </summary>
    Task<IReadOnlyList<OutboxDelivery>> ClaimRepostsAsync(
        string channelType, IReadOnlyList<string> kinds, string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>
    /// Claims for <paramref name="owner"/> until <paramref name="now"/> + <paramref name="hold"/> every delivery held for a
    /// digest (<see cref="OutboxStatus.Held"/>) that is due and that nobody holds, and returns them; completing one
    /// (<see cref="CompleteDeliveryAsync"/>, as <see cref="OutboxStatus.Digested"/>) takes it out of the next claims.
    /// </summary>
    Task<IReadOnlyList<OutboxDelivery>> ClaimHeldAsync(string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken);

    /// <summary>Releases every claim (a single process starting on a store it owns: no other claimant can exist).</summary>
    Task ReleaseClaimsAsync(CancellationToken cancellationToken);

    /// <summary>Deliveries with <paramref name="status"/> (any when null), of <paramref name="flagKey"/> (any when null), newest first.</summary>
    Task<IReadOnlyList<OutboxDelivery>> GetDeliveriesAsync(string? status, string? flagKey, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a flag's kill switch with its history entry (in <c>transitions</c>) and its notices (in the outbox) in one
    /// transaction, if the stored switch of the flag still has version <c>Switch.Version - 1</c> (none stored: 0).
    /// </summary>
    /// <returns>False, and nothing stored, when another writer switched the flag first.</returns>
    Task<bool> SaveSwitchAsync(FlagSwitchWrite write, CancellationToken cancellationToken);

    /// <summary>Every flag's stored kill switch (on or off), by flag key.</summary>
    Task<IReadOnlyList<FlagSwitch>> ListSwitchesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores a lifecycle reminder with its notices (in the outbox) in one transaction, if the flag's stored reminder of
    /// that kind still has <c>Reminder.Sent - 1</c> (none stored: 0).
    /// </summary>
    /// <returns>False, and nothing stored, when another replica sent that reminder first.</returns>
    Task<bool> SaveReminderAsync(ReminderWrite write, CancellationToken cancellationToken);

    /// <summary>The last reminder of each kind sent for each flag.</summary>
    Task<IReadOnlyList<Lifecycle.ReviewReminder>> ListRemindersAsync(CancellationToken cancellationToken);

    /// <summary>Makes every abandoned delivery pending again, due now, with <paramref name="extraAttempts"/> more attempts allowed.</summary>
    /// <returns>How many deliveries were made pending.</returns>
    Task<int> RetryAbandonedAsync(int extraAttempts, DateTimeOffset now, CancellationToken cancellationToken);
}
