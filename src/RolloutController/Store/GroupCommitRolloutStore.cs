using System.Threading.Channels;
using RolloutController.Audit;
using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>
/// Groups the saves of concurrent rounds and commands into shared transactions ("group commit"): one writer loop takes
/// every save waiting when it starts a transaction, up to <see cref="MaxWritesPerTransaction"/>, and commits them
/// together. With SQLite's single writer and an fsync per commit, a save per transaction caps the controller at a few
/// hundred rounds a second whatever else it could do; grouped, the commit cost is shared. A save still completes only
/// once its transaction is committed, and a lost version race fails only that save. When nothing else is waiting a save
/// is written at once, alone, so grouping adds no delay to a quiet controller. Everything but saves goes straight to
/// the inner store.
/// </summary>
internal sealed class GroupCommitRolloutStore : IRolloutStore, IAsyncDisposable, IDisposable
{
    /// <summary>Most saves one transaction takes, so that a transaction never holds the write lock for long.</summary>
    public const int MaxWritesPerTransaction = 256;

    private readonly IRolloutStore _inner;
    private readonly Channel<PendingWrite> _queue = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Thread _writer;

    public GroupCommitRolloutStore(IRolloutStore inner)
    {
        _inner = inner;
        // A thread of its own: SQLite's "async" calls run synchronously (fsync included), and a thread-pool thread held by
        // them is one less for OFREP and the API on a small machine.
        _writer = new Thread(WriteLoop) { IsBackground = true, Name = "rollout-store-writer" };
        _writer.Start();
    }

    public IRolloutStore Inner => _inner;

    public async Task<RolloutState> SaveAsync(
        RolloutState state, IReadOnlyList<Transition> transitions, IReadOnlyList<MeasurementRecord> measurements, CancellationToken cancellationToken)
    {
        var saved = await SaveManyAsync([new RolloutWrite(state, transitions, measurements)], cancellationToken);
        return saved[0] ?? throw new ConcurrencyConflictException(state.FlagKey, state.Version);
    }

    /// <remarks>
    /// Cancelling withdraws saves the writer has not begun (nothing of them is written) and stops the wait for the others,
    /// which are committed or fail whatever the caller does, as a statement sent to a database would be. Either way the
    /// caller gets a <see cref="StoreTimeoutException"/> saying which.
    /// </remarks>
    public async Task<IReadOnlyList<RolloutState?>> SaveManyAsync(IReadOnlyList<RolloutWrite> writes, CancellationToken cancellationToken)
    {
        foreach (var write in writes) write.EnsureConsistent();
        var pending = writes.Select(w => new PendingWrite(w)).ToList();
        foreach (var p in pending)
            if (!_queue.Writer.TryWrite(p)) throw new ObjectDisposedException(nameof(GroupCommitRolloutStore));
        var saved = new RolloutState?[pending.Count];
        try
        {
            for (var i = 0; i < pending.Count; i++) saved[i] = await pending[i].Completion.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            var begun = pending.Count(p => !p.TryWithdraw());
            throw new StoreTimeoutException(mayHaveApplied: begun > 0);
        }
        return saved;
    }

    private void WriteLoop()
    {
        var batch = new List<PendingWrite>(MaxWritesPerTransaction);
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < MaxWritesPerTransaction && _queue.Reader.TryRead(out var next))
                if (next.TryBegin()) batch.Add(next);
            if (batch.Count == 0) continue;
            try
            {
                var saved = _inner.SaveManyAsync(batch.Select(p => p.Write).ToList(), CancellationToken.None).GetAwaiter().GetResult();
                for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(saved[i]);
            }
            catch (Exception e)
            {
                // The database failed the transaction: every save in it failed, and each caller learns why.
                foreach (var p in batch) p.Completion.TrySetException(e);
            }
        }
    }

    public Task MigrateAsync(CancellationToken cancellationToken) => _inner.MigrateAsync(cancellationToken);

    public Task<RolloutState?> GetAsync(string flagKey, CancellationToken cancellationToken) => _inner.GetAsync(flagKey, cancellationToken);

    public Task<IReadOnlyList<RolloutState>> ListAsync(CancellationToken cancellationToken) => _inner.ListAsync(cancellationToken);

    public Task<AuditRecord?> AppendAuditAsync(AuditEntry entry, bool unlessUnchanged, CancellationToken cancellationToken) =>
        _inner.AppendAuditAsync(entry, unlessUnchanged, cancellationToken);

    public Task<IReadOnlyList<AuditRecord>> GetAuditAsync(long after, DateTimeOffset since, int limit, CancellationToken cancellationToken) =>
        _inner.GetAuditAsync(after, since, limit, cancellationToken);

    public Task<AuditRecord?> GetLastAuditAsync(string subject, string action, CancellationToken cancellationToken) =>
        _inner.GetLastAuditAsync(subject, action, cancellationToken);

    public Task<IReadOnlyList<Transition>> GetTransitionsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        _inner.GetTransitionsAsync(flagKey, limit, cancellationToken);

    public Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        _inner.GetMeasurementsAsync(flagKey, limit, cancellationToken);

    public Task RecordNotificationAttemptAsync(NotificationAttempt attempt, CancellationToken cancellationToken) =>
        _inner.RecordNotificationAttemptAsync(attempt, cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken) => _inner.PruneAsync(before, cancellationToken);

    public Task<IReadOnlyList<NotificationAttempt>> GetNotificationAttemptsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        _inner.GetNotificationAttemptsAsync(flagKey, limit, cancellationToken);

    public Task AddToOutboxAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken) =>
        _inner.AddToOutboxAsync(deliveries, cancellationToken);

    public Task<IReadOnlyList<OutboxDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken) =>
        _inner.ClaimDueAsync(owner, now, lease, limit, cancellationToken);

    public Task<bool> CompleteDeliveryAsync(OutboxDelivery delivery, NotificationAttempt attempt, string owner, CancellationToken cancellationToken) =>
        _inner.CompleteDeliveryAsync(delivery, attempt, owner, cancellationToken);

    public Task<IReadOnlyList<OutboxDelivery>> ClaimHeldAsync(string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken) =>
        _inner.ClaimHeldAsync(owner, now, hold, cancellationToken);

    public Task<IReadOnlyList<OutboxDelivery>> ClaimRepostsAsync(
        string channelType, IReadOnlyList<string> kinds, string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken) =>
        _inner.ClaimRepostsAsync(channelType, kinds, owner, now, hold, cancellationToken);

    public Task ReleaseClaimsAsync(CancellationToken cancellationToken) => _inner.ReleaseClaimsAsync(cancellationToken);

    public Task<IReadOnlyList<OutboxDelivery>> GetDeliveriesAsync(string? status, string? flagKey, int limit, CancellationToken cancellationToken) =>
        _inner.GetDeliveriesAsync(status, flagKey, limit, cancellationToken);

    public Task<bool> SaveSwitchAsync(FlagSwitchWrite write, CancellationToken cancellationToken) => _inner.SaveSwitchAsync(write, cancellationToken);

    public Task<IReadOnlyList<Flags.FlagSwitch>> ListSwitchesAsync(CancellationToken cancellationToken) => _inner.ListSwitchesAsync(cancellationToken);

    public Task<bool> SaveReminderAsync(ReminderWrite write, CancellationToken cancellationToken) => _inner.SaveReminderAsync(write, cancellationToken);

    public Task<IReadOnlyList<Lifecycle.ReviewReminder>> ListRemindersAsync(CancellationToken cancellationToken) => _inner.ListRemindersAsync(cancellationToken);

    public Task<int> RetryAbandonedAsync(int extraAttempts, DateTimeOffset now, CancellationToken cancellationToken) =>
        _inner.RetryAbandonedAsync(extraAttempts, now, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.Run(_writer.Join);
        if (_inner is IAsyncDisposable disposable) await disposable.DisposeAsync();
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Join();
        if (_inner is IDisposable disposable) disposable.Dispose();
    }

    private sealed class PendingWrite(RolloutWrite write)
    {
        private const int Queued = 0, Begun = 1, Withdrawn = 2;
        private int _state;

        public RolloutWrite Write { get; } = write;

        /// <summary>The writer takes it into a transaction; false when its caller withdrew it first.</summary>
        public bool TryBegin() => Interlocked.CompareExchange(ref _state, Begun, Queued) == Queued;

        /// <summary>The caller gives up on it; false when the writer had begun it already.</summary>
        public bool TryWithdraw()
        {
            var withdrawn = Interlocked.CompareExchange(ref _state, Withdrawn, Queued) == Queued;
            if (withdrawn) Completion.TrySetCanceled();
            return withdrawn || Volatile.Read(ref _state) == Withdrawn;
        }

        public TaskCompletionSource<RolloutState?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
