using RolloutController.Engine;
using RolloutController.Notifications;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Telemetry;

namespace RolloutController.Flags.Switches;

/// <summary>
/// The I/O shell of the kill switch (<see cref="KillSwitchRule"/>): <c>rolloutctl flag off|on</c> and
/// <c>POST /api/v1/flags/{flag}/off|on</c>. Off is served at once — before anything that can wait — then kept in the
/// local journal, the flag's rollout paused, and stored with its history entry and notices; when the store does not take
/// it within <see cref="StoreGrace"/> the answer says it is served but not stored yet, on-call hears of it from memory,
/// and <see cref="SwitchService"/> stores it when the store answers. On is stored first and served once stored; when the
/// store does not answer within <see cref="RolloutEngine.CommandBudget"/> nothing changes.
/// </summary>
internal sealed class KillSwitch(
    IRolloutStore store,
    IFlagBackend backend,
    IPolicySource policies,
    RolloutEngine engine,
    KnownRollouts known,
    PendingSafetyMoves pendingMoves,
    OutboxPlanner planner,
    INoticePublisher notices,
    SwitchJournal journal,
    ControllerMetrics telemetry,
    TimeProvider time,
    ILogger<KillSwitch> logger)
{
    /// <summary>How long a switch-off waits for the store before it answers "served, not stored yet". 500 ms.</summary>
    public static readonly TimeSpan StoreGrace = SafetyMoveWriter.StoreGrace;

    // How long a switch-off reads the store for the switch in force (another replica's) before it goes by what is served here.
    private static readonly TimeSpan OffReadWait = TimeSpan.FromMilliseconds(400);

    /// <summary>Switches <paramref name="flag"/> off or on for <paramref name="actor"/>; refuses (changing nothing) with a reason.</summary>
    /// <param name="role">The grant the person acted under, recorded with the history entry in the audit log.</param>
    public async Task<SwitchOutcome> SwitchAsync(string flag, bool off, string actor, string reason, CancellationToken cancellationToken, string? role = null)
    {
        var started = time.GetTimestamp();
        var policy = policies.Find(flag);
        var declared = policies.Flags.FirstOrDefault(f => f.Key == flag);
        if (policy is null && declared is null) return SwitchOutcome.NotFound(flag);

        var (current, readable) = await CurrentAsync(flag, off ? OffReadWait : RolloutEngine.CommandBudget, cancellationToken);
        if (!off && !readable)
            return SwitchOutcome.Unavailable($"not applied: the store did not answer within {RolloutEngine.CommandBudget.TotalSeconds:0.#} s; nothing changed (see /readyz)");
        if (!off && journal.Find(flag) is not null)
            return SwitchOutcome.Unavailable($"not applied: the switch-off of '{flag}' is served but not stored yet; it can be switched on once the store has it (see /readyz)");
        var (next, refusal) = KillSwitchRule.Decide(current, flag, off, actor, reason, time.GetUtcNow());
        if (next is null) return SwitchOutcome.Refused(refusal!);

        var rollout = pendingMoves.Find(flag) is { } move ? Safe(move) : known.Find(flag);
        var record = KillSwitchRule.Record(next, rollout) with { Role = role };
        var metadata = declared?.Metadata is { } m && !string.IsNullOrEmpty(m.Owner) ? m : policy?.Metadata ?? declared!.Metadata;
        var defaultVariant = declared is null ? "off" : declared.Variants[declared.DefaultVariant].Name;
        var notice = KillSwitchRule.Notice(next, record, defaultVariant);
        var write = new FlagSwitchWrite(next, record, planner.Plan(notice, metadata, policy?.Stages.Count ?? 0, policy?.Notify ?? []));
        return off
            ? await OffAsync(policy, write, rollout)
            : await OnAsync(write, started, cancellationToken);
    }

    private async Task<SwitchOutcome> OffAsync(RolloutPolicy? policy, FlagSwitchWrite write, RolloutState? rollout)
    {
        var next = write.Switch;
        // 1. Served, before anything that can wait.
        backend.ApplySwitch(next, pinned: true);
        Observe(write);
        // 2. Durable on this machine.
        Journal(write);
        // 3. The ramp stops, and the store gets the switch, side by side; neither holds up the other.
        var pause = KillSwitchRule.RolloutMove(next, rollout?.Phase) is { } command && policy is not null
            ? engine.CommandAsync(policy, command, next.Actor, KillSwitchRule.PauseReason(next), CancellationToken.None)
            : null;
        var save = StoreAsync(write);
        var stored = await Task.WhenAny(save, Task.Delay(StoreGrace, time)) == save && await save;
        var paused = pause is null ? null : await pause;
        var rolloutNote = paused is null ? null
            : paused.State is { } state ? $"rollout paused at {state.ServedWeight}%{(paused.Stored ? "" : " (served, not stored yet)")}"
            : $"rollout not paused: {paused.Error}";
        if (stored) return new SwitchOutcome(next, 200, null, RolloutNote: rolloutNote);
        // 4. Otherwise on-call hears of it now, from memory; the outbox takes over once it is stored.
        _ = DeliverNowAsync(write);
        KillSwitchLog.NotStoredYet(logger, next.FlagKey, StoreGrace, journal.FilePath);
        return new SwitchOutcome(next, 202, null, Stored: false,
            Note: $"switched off in what is served since {next.At:u}, not stored yet: the store did not answer in time. It is kept in this " +
                  "replica's journal and stored as soon as the store answers (see /readyz)",
            RolloutNote: rolloutNote);
    }

    private async Task<SwitchOutcome> OnAsync(FlagSwitchWrite write, long started, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(Remaining(started));
        bool stored;
        try
        {
            stored = await store.SaveSwitchAsync(write, budget.Token);
        }
        catch (Exception e) when (e is StoreException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return SwitchOutcome.Unavailable(e is StoreTimeoutException { MayHaveApplied: true }
                ? $"the store did not confirm the change within {RolloutEngine.CommandBudget.TotalSeconds:0.#} s; it may still be applied: check 'rolloutctl status {write.Switch.FlagKey}'"
                : $"not applied: {(e is StoreException ? e.Message : $"the store did not answer within {RolloutEngine.CommandBudget.TotalSeconds:0.#} s")}; nothing changed");
        }
        if (!stored)
            return SwitchOutcome.Refused($"not applied: flag '{write.Switch.FlagKey}' was switched by someone else meanwhile; see 'rolloutctl status {write.Switch.FlagKey}' and try again");
        backend.ApplySwitch(write.Switch, pinned: false);
        Observe(write);
        notices.Stored();
        return new SwitchOutcome(write.Switch, 200, null,
            RolloutNote: write.Record.From == RolloutPhase.Paused ? $"rollout still paused: {Rollouts.Notice.ResumeHint(write.Switch.FlagKey, "continue the ramp")}" : null);
    }

    /// <summary>
    /// Stores a switch-off served ahead of the store; true once stored. Another replica storing a switch of the flag first
    /// is carried over: when it left the flag on, this switch-off goes on top of it (a move toward safety is never lost);
    /// when it switched the flag off too, this one is dropped as done. False (kept, tried again) when the store fails.
    /// </summary>
    public async Task<bool> StoreAsync(FlagSwitchWrite write)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                if (await store.SaveSwitchAsync(write, CancellationToken.None))
                {
                    Finish(write);
                    return true;
                }
                var stored = (await store.ListSwitchesAsync(CancellationToken.None)).FirstOrDefault(s => s.FlagKey == write.Switch.FlagKey);
                if (stored is { Off: true })
                {
                    Finish(write);
                    backend.ApplySwitches([stored]);
                    return true;
                }
                var rebased = write with { Switch = write.Switch with { Version = (stored?.Version ?? 0) + 1 } };
                Journal(rebased);
                backend.ApplySwitch(rebased.Switch, pinned: true);
                write = rebased;
            }
            catch (StoreException)
            {
                // Counted and logged by the store; the service tries again.
                return false;
            }
        }
        return false;
    }

    private void Finish(FlagSwitchWrite write)
    {
        Journaled(() => journal.Stored(write));
        if (journal.Find(write.Switch.FlagKey) is null) backend.UnpinSwitch(write.Switch.FlagKey);
        notices.Stored();
        var waited = time.GetUtcNow() - write.Switch.At;
        if (waited >= StoreGrace) KillSwitchLog.StoredLate(logger, write.Switch.FlagKey, waited);
    }

    // The switch in force: one not stored yet, else the store's (read within the wait), else what this replica serves.
    private async Task<(FlagSwitch? Switch, bool Read)> CurrentAsync(string flag, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (journal.Find(flag) is { } pending) return (pending.Switch, true);
        try
        {
            var stored = await store.ListSwitchesAsync(cancellationToken).WaitAsync(wait, time, cancellationToken);
            backend.ApplySwitches(stored);
            return (backend.SwitchOf(flag), true);
        }
        catch (Exception e) when (e is StoreException or TimeoutException)
        {
            return (backend.SwitchOf(flag), false);
        }
    }

    private void Journal(FlagSwitchWrite write) => Journaled(() => journal.Pending(write));

    // A journal that cannot be written is counted and logged; the switch is served and retried all the same.
    private void Journaled(Action change)
    {
        try
        {
            change();
        }
        catch (IOException e)
        {
            telemetry.JournalErrors.Add(1);
            KillSwitchLog.JournalFailed(logger, e, journal.FilePath);
        }
    }

    private async Task DeliverNowAsync(FlagSwitchWrite write)
    {
        var sent = await notices.DeliverNowAsync(write.Outbox);
        // What was delivered is stored as delivered when the switch is, so the outbox does not send it again.
        if (journal.Find(write.Switch.FlagKey) is { } kept && kept.Switch.Version == write.Switch.Version) Journal(kept with { Outbox = sent });
    }

    private void Observe(FlagSwitchWrite write)
    {
        var next = write.Switch;
        telemetry.Transitions.Add(1, new KeyValuePair<string, object?>("flag", next.FlagKey),
            new KeyValuePair<string, object?>("trigger", write.Record.Trigger.ToString().ToLowerInvariant()));
        if (next.Off) KillSwitchLog.SwitchedOff(logger, next.FlagKey, next.Actor, next.Reason);
        else KillSwitchLog.SwitchedOn(logger, next.FlagKey, next.Actor, next.Reason);
    }

    private TimeSpan Remaining(long started)
    {
        var left = RolloutEngine.CommandBudget - time.GetElapsedTime(started);
        return left > TimeSpan.FromMilliseconds(50) ? left : TimeSpan.FromMilliseconds(50);
    }

    private static RolloutState Safe(PendingSafetyMove move)
    {
        lock (move.Gate) return move.Safe;
    }
}
