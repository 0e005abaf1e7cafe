using RolloutController.Flags;
using RolloutController.Policies;
using RolloutController.Store;
using RolloutController.Store.Journal;
using RolloutController.Telemetry;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>
/// Carries out moves toward safety (<see cref="SafetyRule"/>): served at once, written to the local journal, then stored.
/// Waits for the store only <see cref="StoreGrace"/>; after that the move is reported applied but not stored, its notices
/// go out from memory, and <see cref="PendingSafetyService"/> stores it when the store answers. Nothing here waits on
/// anything that can hang before the move is served.
/// </summary>
internal sealed class SafetyMoveWriter(
    IRolloutStore store,
    IFlagBackend backend,
    INoticePublisher notices,
    KnownRollouts known,
    PendingSafetyMoves pending,
    SafetyJournal journal,
    ControllerMetrics telemetry,
    TimeProvider time,
    ILogger<SafetyMoveWriter> logger)
{
    /// <summary>How long a safety move waits for the store before it is reported applied-but-not-stored. 500 ms.</summary>
    public static readonly TimeSpan StoreGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>Serves, journals and stores a move decided on <paramref name="decidedOn"/>; merges into one already waiting.</summary>
    /// <returns>The state served, and whether it is stored.</returns>
    public async Task<(RolloutState State, bool Stored)> ApplyAsync(RolloutPolicy policy, RolloutState decidedOn, Decision decision,
        IReadOnlyList<MeasurementRecord> measurements, IReadOnlyList<OutboxDelivery> deliveries)
    {
        var now = time.GetUtcNow();
        var move = pending.GetOrAdd(policy.Flag.Key, () => new PendingSafetyMove(policy, Guid.CreateVersion7(now).ToString("N"), decidedOn, now));
        RolloutState safe;
        lock (move.Gate)
        {
            if (ReferenceEquals(decidedOn, move.Safe) || move.Sequence == 0)
                move.Merge(policy, decision.State, decision.Transitions, measurements, deliveries);
            else if (SafetyRule.IsTowardSafety(decision))
            {
                // Decided on something other than what is served now (e.g. a command that read the store): its safety
                // moves are carried over onto what is served; the rest of it is stale.
                var carried = SafetyRule.Reapply(move.Safe, decision.State, decision.Transitions, now);
                move.Merge(policy, carried.State, carried.Transitions, [], deliveries);
            }
            safe = move.Safe;
        }

        // 1. Served, before anything that can wait.
        backend.Explain(policy.Flag.Key, decision.Transitions);
        await backend.ApplyPinnedAsync(policy, safe, CancellationToken.None);
        telemetry.SetRollout(safe.FlagKey, safe.Phase.ToString(), (double)safe.AsServed(policy).ServedWeight);
        // 2. Durable on this machine.
        if (SafetyRule.IsTowardSafety(decision)) Journal(move);
        // 3. Stored, if the store answers at once.
        var save = StoreAsync(move);
        if (await Task.WhenAny(save, Task.Delay(StoreGrace, time)) == save && await save is { } saved) return (saved, true);
        // 4. Otherwise on-call hears of it now, from memory; the outbox takes over once it is stored.
        if (deliveries.Count > 0) _ = DeliverNowAsync(move, deliveries);
        if (decision.Transitions.Count > 0)
            SafetyLog.NotStoredYet(logger, policy.Flag.Key, string.Join(", ", decision.Transitions.Select(t => t.Trigger)), StoreGrace);
        return (safe, false);
    }

    /// <summary>Serves a journal entry recovered at start-up again, and queues it to be stored.</summary>
    public async Task RestoreAsync(RolloutPolicy? policy, JournalEntry entry)
    {
        var move = pending.GetOrAdd(entry.State.FlagKey, () => new PendingSafetyMove(policy, entry.Id, entry.State, entry.At));
        lock (move.Gate) move.Merge(policy, entry.State, entry.Transitions, [], entry.Deliveries);
        if (policy is not null) await backend.ApplyPinnedAsync(policy, move.Safe, CancellationToken.None);
        SafetyLog.Recovered(logger, entry.State.FlagKey, entry.State.Phase, entry.At);
    }

    /// <summary>
    /// Stores the move unless a save of it is running already. Completes with the stored state once the store has every
    /// move merged so far, or null when the store failed (the move stays pending and is tried again).
    /// </summary>
    public Task<RolloutState?> StoreAsync(PendingSafetyMove move)
    {
        lock (move.Gate)
        {
            if (move.InFlight is Task<RolloutState?> { IsCompleted: false } running) return running;
            var save = Task.Run(() => SaveAsync(move));
            move.InFlight = save;
            return save;
        }
    }

    private async Task<RolloutState?> SaveAsync(PendingSafetyMove move)
    {
        var flag = move.Safe.FlagKey;
        for (var conflicts = 0; conflicts < 5;)
        {
            (RolloutWrite Write, long Sequence, int Transitions, int Measurements, int Deliveries) snapshot;
            lock (move.Gate) snapshot = move.Snapshot();
            RolloutState? saved;
            try
            {
                saved = (await store.SaveManyAsync([snapshot.Write], CancellationToken.None))[0];
                if (saved is null)
                {
                    // Another writer stored the rollout meanwhile: carry the moves over onto what it stored.
                    conflicts++;
                    var fresh = await store.GetAsync(flag, CancellationToken.None);
                    if (fresh is null) return null;
                    lock (move.Gate) move.Rebase(fresh, time.GetUtcNow());
                    continue;
                }
            }
            catch (StoreException)
            {
                // Counted and logged by the store; the pending service tries again.
                return null;
            }
            bool complete;
            lock (move.Gate)
            {
                complete = move.Sequence == snapshot.Sequence;
                if (!complete) move.Advance(saved, snapshot.Transitions, snapshot.Measurements, snapshot.Deliveries);
            }
            if (complete)
            {
                Finish(move, saved);
                return saved;
            }
        }
        return null;
    }

    private void Finish(PendingSafetyMove move, RolloutState saved)
    {
        pending.Remove(saved.FlagKey, move);
        known.Update(saved);
        backend.Unpin(saved.FlagKey);
        if (move.Policy is { } policy) _ = backend.ApplyAsync(policy, saved, CancellationToken.None);
        try
        {
            journal.Stored(move.JournalId);
        }
        catch (IOException e)
        {
            // The entry is stored; replaying it after a restart finds the store ahead of it and changes nothing.
            telemetry.JournalErrors.Add(1);
            SafetyLog.JournalFailed(logger, e, saved.FlagKey);
        }
        notices.Stored();
        var waited = time.GetUtcNow() - move.Since;
        if (waited >= StoreGrace) SafetyLog.Stored(logger, saved.FlagKey, waited);
    }

    private void Journal(PendingSafetyMove move)
    {
        JournalEntry entry;
        lock (move.Gate)
            entry = new JournalEntry(move.JournalId, move.Policy?.Metadata.Name ?? move.Safe.PolicyName, move.Safe, [.. move.Transitions],
                [.. move.Deliveries], move.Since);
        try
        {
            journal.Pending(entry);
        }
        catch (IOException e)
        {
            telemetry.JournalErrors.Add(1);
            SafetyLog.JournalFailed(logger, e, entry.State.FlagKey);
        }
    }

    private async Task DeliverNowAsync(PendingSafetyMove move, IReadOnlyList<OutboxDelivery> deliveries)
    {
        var sent = await notices.DeliverNowAsync(deliveries);
        // What was delivered is stored as delivered when the move is, so the outbox does not send it again.
        lock (move.Gate)
        {
            foreach (var done in sent)
            {
                var i = move.Deliveries.FindIndex(d => d.NotificationId == done.NotificationId && d.Route == done.Route && d.Channel == done.Channel);
                if (i >= 0) move.Deliveries[i] = done;
            }
        }
    }
}
