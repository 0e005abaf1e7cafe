using RolloutController.Audit;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.TestUtilities.Fakes;

/// <summary>
/// <see cref="IRolloutStore"/> in memory, with the same contract as the database stores: optimistic versions
/// (<see cref="ConcurrencyConflictException"/>), atomic saves, newest-first reads. Also lets tests read everything
/// recorded and wait for a condition on it.
/// </summary>
internal sealed class InMemoryRolloutStore : IRolloutStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RolloutState> _states = new(StringComparer.Ordinal);
    private readonly List<Transition> _transitions = [];
    private readonly List<AuditRecord> _audit = [];
    private readonly List<MeasurementRecord> _measurements = [];
    private readonly List<NotificationAttempt> _attempts = [];
    private readonly List<(OutboxDelivery Delivery, string? ClaimedBy, DateTimeOffset? ClaimedUntil)> _outbox = [];
    private readonly Dictionary<string, RolloutController.Flags.FlagSwitch> _switches = new(StringComparer.Ordinal);
    private readonly Dictionary<(string, RolloutController.Lifecycle.ReminderKind), RolloutController.Lifecycle.ReviewReminder> _reminders = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int MigrateCalls { get; private set; }

    /// <summary>Every notification attempt recorded, oldest first.</summary>
    public IReadOnlyList<NotificationAttempt> NotificationAttempts
    {
        get { lock (_gate) return [.. _attempts]; }
    }

    /// <summary>Every transition recorded, oldest first.</summary>
    public IReadOnlyList<Transition> Transitions
    {
        get { lock (_gate) return [.. _transitions]; }
    }

    public Task MigrateAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) MigrateCalls++;
        return Task.CompletedTask;
    }

    public Task<RolloutState?> GetAsync(string flagKey, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult(_states.GetValueOrDefault(flagKey));
    }

    public Task<IReadOnlyList<RolloutState>> ListAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult<IReadOnlyList<RolloutState>>(_states.Values.OrderBy(s => s.FlagKey, StringComparer.Ordinal).ToList());
    }

    public Task<RolloutState> SaveAsync(
        RolloutState state,
        IReadOnlyList<Transition> transitions,
        IReadOnlyList<MeasurementRecord> measurements,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var stored = _states.GetValueOrDefault(state.FlagKey);
            var conflict = state.Version == 0 ? stored is not null : stored is null || stored.Version != state.Version;
            if (conflict) throw new ConcurrencyConflictException(state.FlagKey, state.Version);

            var saved = state with { Version = state.Version + 1 };
            _states[state.FlagKey] = saved;
            _transitions.AddRange(transitions);
            foreach (var transition in transitions) _audit.Add(AuditChain.Append(_audit.LastOrDefault(), AuditActions.Of(transition)));
            _measurements.AddRange(measurements);
            Signal();
            return Task.FromResult(saved);
        }
    }

    public async Task<IReadOnlyList<RolloutState?>> SaveManyAsync(IReadOnlyList<RolloutWrite> writes, CancellationToken cancellationToken)
    {
        var saved = new List<RolloutState?>(writes.Count);
        foreach (var write in writes)
        {
            try
            {
                saved.Add(await SaveAsync(write.State, write.Transitions, write.Measurements, cancellationToken));
                await AddToOutboxAsync(write.Outbox, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                saved.Add(null);
            }
        }
        return saved;
    }

    /// <summary>Every outbox delivery, in the order stored.</summary>
    public IReadOnlyList<OutboxDelivery> Outbox
    {
        get { lock (_gate) return _outbox.Select(o => o.Delivery).ToList(); }
    }

    public Task AddToOutboxAsync(IReadOnlyList<OutboxDelivery> deliveries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            foreach (var d in deliveries)
                if (!_outbox.Any(o => Same(o.Delivery, d))) _outbox.Add((d, null, null));
            Signal();
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxDelivery>> ClaimDueAsync(string owner, DateTimeOffset now, TimeSpan lease, int limit, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var due = _outbox.Select((o, i) => (o, i))
                .Where(x => x.o.Delivery.Status == OutboxStatus.Pending && x.o.Delivery.NextAttemptAt <= now && (x.o.ClaimedUntil is null || x.o.ClaimedUntil < now))
                .OrderBy(x => x.o.Delivery.NextAttemptAt).Take(limit).ToList();
            foreach (var (o, i) in due) _outbox[i] = (o.Delivery, owner, now + lease);
            return Task.FromResult<IReadOnlyList<OutboxDelivery>>(due.Select(x => x.o.Delivery).ToList());
        }
    }

    public Task<IReadOnlyList<OutboxDelivery>> ClaimHeldAsync(string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var free = _outbox.Select((o, i) => (o, i))
                .Where(x => x.o.Delivery.Status == OutboxStatus.Held && x.o.Delivery.NextAttemptAt <= now
                    && (x.o.ClaimedUntil is null || x.o.ClaimedUntil < now))
                .ToList();
            foreach (var (o, i) in free) _outbox[i] = (o.Delivery, owner, now + hold);
            return Task.FromResult<IReadOnlyList<OutboxDelivery>>(free.Select(x => x.o.Delivery).ToList());
        }
    }

    public Task<IReadOnlyList<OutboxDelivery>> ClaimRepostsAsync(
        string channelType, IReadOnlyList<string> kinds, string owner, DateTimeOffset now, TimeSpan hold, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var free = _outbox.Select((o, i) => (o, i))
                .Where(x => x.o.Delivery.Status is OutboxStatus.Delivered or OutboxStatus.Abandoned && x.o.Delivery.Channel.StartsWith(channelType + "[", StringComparison.Ordinal)
                    && kinds.Contains(x.o.Delivery.Kind) && (x.o.ClaimedUntil is null || x.o.ClaimedUntil < now))
                .ToList();
            foreach (var (o, i) in free) _outbox[i] = (o.Delivery, owner, now + hold);
            return Task.FromResult<IReadOnlyList<OutboxDelivery>>(free.Select(x => x.o.Delivery).ToList());
        }
    }

    public Task<bool> CompleteDeliveryAsync(OutboxDelivery delivery, NotificationAttempt attempt, string owner, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _attempts.Add(attempt);
            var i = _outbox.FindIndex(o => Same(o.Delivery, delivery));
            var held = i >= 0 && _outbox[i].ClaimedBy == owner;
            if (held) _outbox[i] = (delivery, null, null);
            Signal();
            return Task.FromResult(held);
        }
    }

    public Task ReleaseClaimsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
            for (var i = 0; i < _outbox.Count; i++) _outbox[i] = (_outbox[i].Delivery, null, null);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<OutboxDelivery>> GetDeliveriesAsync(string? status, string? flagKey, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
            return Task.FromResult<IReadOnlyList<OutboxDelivery>>(_outbox.Select(o => o.Delivery)
                .Where(d => (status is null || d.Status == status) && (flagKey is null || d.FlagKey == flagKey))
                .Reverse().Take(limit).ToList());
    }

    public Task<int> RetryAbandonedAsync(int extraAttempts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var count = 0;
            for (var i = 0; i < _outbox.Count; i++)
            {
                var d = _outbox[i].Delivery;
                if (d.Status != OutboxStatus.Abandoned) continue;
                _outbox[i] = (d with { Status = OutboxStatus.Pending, AttemptsAllowed = d.Attempts + extraAttempts, NextAttemptAt = now, UpdatedAt = now }, null, null);
                count++;
            }
            Signal();
            return Task.FromResult(count);
        }
    }

    public Task<bool> SaveSwitchAsync(FlagSwitchWrite write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var stored = _switches.TryGetValue(write.Switch.FlagKey, out var current) ? current.Version : 0;
            if (stored != write.Switch.Version - 1) return Task.FromResult(false);
            _switches[write.Switch.FlagKey] = FlagSwitchRow.AsStored(write.Switch);
            _transitions.Add(write.Record);
            _audit.Add(AuditChain.Append(_audit.LastOrDefault(), AuditActions.Of(write.Record)));
            foreach (var d in write.Outbox)
                if (!_outbox.Any(o => Same(o.Delivery, d))) _outbox.Add((d, null, null));
            Signal();
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<RolloutController.Flags.FlagSwitch>> ListSwitchesAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult<IReadOnlyList<RolloutController.Flags.FlagSwitch>>(_switches.Values.OrderBy(s => s.FlagKey, StringComparer.Ordinal).ToList());
    }

    public Task<bool> SaveReminderAsync(ReminderWrite write, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var key = (write.Reminder.FlagKey, write.Reminder.Kind);
            var stored = _reminders.TryGetValue(key, out var current) ? current.Sent : 0;
            if (stored != write.Reminder.Sent - 1) return Task.FromResult(false);
            _reminders[key] = ReminderRow.AsStored(write.Reminder);
            foreach (var d in write.Outbox)
                if (!_outbox.Any(o => Same(o.Delivery, d))) _outbox.Add((d, null, null));
            Signal();
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<RolloutController.Lifecycle.ReviewReminder>> ListRemindersAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate) return Task.FromResult<IReadOnlyList<RolloutController.Lifecycle.ReviewReminder>>([.. _reminders.Values]);
    }

    private static bool Same(OutboxDelivery a, OutboxDelivery b) =>
        a.NotificationId == b.NotificationId && a.Route == b.Route && a.Channel == b.Channel;

    public Task<AuditRecord?> AppendAuditAsync(AuditEntry entry, bool unlessUnchanged, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (unlessUnchanged && _audit.LastOrDefault(r => r.Entry.Subject == entry.Subject && r.Entry.Action == entry.Action) is { } same
                && same.Entry.After == entry.After)
                return Task.FromResult<AuditRecord?>(null);
            if (unlessUnchanged && entry.Before is null
                && _audit.LastOrDefault(r => r.Entry.Subject == entry.Subject && r.Entry.Action == entry.Action) is { } replaced)
                entry = entry with { Before = replaced.Entry.After };
            _audit.Add(AuditChain.Append(_audit.LastOrDefault(), entry));
            return Task.FromResult<AuditRecord?>(_audit[^1]);
        }
    }

    public Task<IReadOnlyList<AuditRecord>> GetAuditAsync(long after, DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult<IReadOnlyList<AuditRecord>>([.. _audit.Where(r => r.Seq > after && r.Entry.At >= since).Take(limit)]);
    }

    public Task<AuditRecord?> GetLastAuditAsync(string subject, string action, CancellationToken cancellationToken)
    {
        lock (_gate) return Task.FromResult(_audit.LastOrDefault(r => r.Entry.Subject == subject && r.Entry.Action == action));
    }

    public Task<IReadOnlyList<Transition>> GetTransitionsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        NewestFirst(_transitions, t => t.FlagKey == flagKey, t => t.At, limit, cancellationToken);

    public Task<IReadOnlyList<MeasurementRecord>> GetMeasurementsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        NewestFirst(_measurements, m => m.FlagKey == flagKey, m => m.Measurement.At, limit, cancellationToken);

    public Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var deleted = _attempts.RemoveAll(a => a.At < before);
            deleted += _measurements.RemoveAll(m => m.Measurement.At < before);
            return Task.FromResult(deleted);
        }
    }

    public Task RecordNotificationAttemptAsync(NotificationAttempt attempt, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _attempts.Add(attempt);
            Signal();
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<NotificationAttempt>> GetNotificationAttemptsAsync(string flagKey, int limit, CancellationToken cancellationToken) =>
        NewestFirst(_attempts, a => a.FlagKey == flagKey, a => a.At, limit, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds (checked after every write); throws <see cref="TimeoutException"/> otherwise.</summary>
    public async Task WaitUntilAsync(Func<InMemoryRolloutStore, bool> condition, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            Task changed;
            lock (_gate) changed = _changed.Task;
            if (condition(this)) return;
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"store condition not met within {timeout}; {NotificationAttempts.Count} notification attempt(s) recorded");
            }
        }
    }

    /// <summary>Newest first by time; among equal times, the later write first (as an auto-increment id would order them).</summary>
    private Task<IReadOnlyList<T>> NewestFirst<T>(
        List<T> rows, Func<T, bool> filter, Func<T, DateTimeOffset> at, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<T> result = rows
                .Select((row, sequence) => (row, sequence))
                .Where(r => filter(r.row))
                .OrderByDescending(r => at(r.row))
                .ThenByDescending(r => r.sequence)
                .Take(limit)
                .Select(r => r.row)
                .ToList();
            return Task.FromResult(result);
        }
    }

    private void Signal()
    {
        _changed.TrySetResult();
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
