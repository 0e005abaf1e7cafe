using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using RolloutController.Analysis;
using RolloutController.Calendar;
using RolloutController.Flags;
using RolloutController.Policies;
using RolloutController.Store;
using RolloutController.Telemetry;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>
/// The I/O shell around <see cref="RolloutDecider"/>: load state, measure, decide, persist, then act and notify.
/// Nothing is acted on before it is stored, so a restart resumes exactly where the last stored decision left off.
/// Rounds and commands start from <see cref="KnownRollouts"/>; the store's version check decides every save, and a lost
/// race re-reads the store.
/// </summary>
internal sealed class RolloutEngine(
    IRolloutStore store,
    GuardrailMeasurer measurer,
    IFlagBackend backend,
    INoticePublisher notices,
    KnownRollouts known,
    PendingSafetyMoves pending,
    SafetyMoveWriter safety,
    FreezeCalendar calendar,
    IOptions<StoreOptions> storeOptions,
    ControllerMetrics telemetry,
    TimeProvider time,
    ILogger<RolloutEngine> logger)
{
    // Several replicas share the store (PostgreSQL): another one may have changed a rollout since this one last saw it.
    private readonly bool _sharedStore = StoreProviders.IsPostgres(storeOptions.Value.Provider);

    /// <summary>
    /// The longest a command waits on the store (and on a round holding the rollout): a safety command (pause, abort)
    /// is served whatever the store does and answers within it; any other answers "not applied" once it passes.
    /// </summary>
    public static readonly TimeSpan CommandBudget = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// How long a round waits for the store to take its save (at most; half the interval for short intervals). Past it, what the round learnt (failure counts, measurements)
    /// is kept in memory and merged with the next rounds until the store answers, so a guardrail failing during a store
    /// outage still rolls back; only a move away from safety (an advance) is dropped, and decided again later.
    /// </summary>
    public static readonly TimeSpan RoundSaveBudget = TimeSpan.FromSeconds(2);

    // Half the interval at most, so a store that hangs does not make the next round late too.
    private static TimeSpan SaveBudget(TimeSpan interval) =>
        TimeSpan.FromTicks(Math.Clamp(interval.Ticks / 2, TimeSpan.FromMilliseconds(250).Ticks, RoundSaveBudget.Ticks));

    // How long a safety command waits to read the stored state before it acts on what this replica serves.
    private static readonly TimeSpan SafetyReadWait = TimeSpan.FromMilliseconds(400);

    // How long a safety command waits for a round that holds the rollout before it goes ahead without it.
    private static readonly TimeSpan SafetyLockWait = TimeSpan.FromMilliseconds(200);

    // Above this many rollouts to start at once, one listing of the store is cheaper than a read per rollout.
    private const int ReadOneByOneBelow = 16;

    // Serializes ticks and commands for one flag inside this process; across replicas the store's version check does it.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>
    /// Reads every stored rollout into <see cref="KnownRollouts"/>, those whose policy is gone too (they are still listed).
    /// </summary>
    /// <exception cref="StoreException">The store failed.</exception>
    public async Task LoadKnownAsync(CancellationToken cancellationToken)
    {
        foreach (var state in await store.ListAsync(cancellationToken)) known.Update(state);
    }

    /// <summary>The version of the newest state of the rollout this replica knows, or null.</summary>
    public long? KnownVersion(string flagKey) => known.Find(flagKey)?.Version;

    /// <summary>
    /// Creates and starts the rollout of a newly seen policy; otherwise brings the served weight in line with the stored
    /// state. With <paramref name="restoring"/> (the first time this process sees the rollout) a live rollout's hold is
    /// credited only up to its last stored round: time the controller was down does not count.
    /// </summary>
    public async Task<RolloutState> EnsureStartedAsync(RolloutPolicy policy, bool restoring, CancellationToken cancellationToken)
    {
        using var _ = await LockAsync(policy.Flag.Key, cancellationToken);
        // A safety move from the journal is what is served: the stored state is behind it, nothing to start or restore.
        if (pending.Find(policy.Flag.Key) is { } move)
            lock (move.Gate) return move.Safe;
        var state = await store.GetAsync(policy.Flag.Key, cancellationToken);
        var now = time.GetUtcNow();
        var (decision, restored) = StartOrRestore(policy, state, restoring, now, calendar.Periods);
        RolloutState result;
        if (decision is null)
        {
            result = state!;
            await ActAsync(policy, result, cancellationToken);
        }
        else
        {
            if (restored) EngineLog.Restored(logger, state!.FlagKey, state.StageIndex + 1, decision.State.HoldServed);
            result = (await PersistAndActAsync(policy, state ?? decision.State, decision, [], cancellationToken)).State;
        }
        known.Watch(result, now);
        return result;
    }

    /// <summary>
    /// <see cref="EnsureStartedAsync"/> for many rollouts at once (start-up, a reload that adds many policies): one read of
    /// the store, the starts and restores saved in shared transactions, the served flags published once. A rollout that
    /// another writer changed meanwhile is started again on its own.
    /// </summary>
    /// <exception cref="StoreException">The store failed; none of the rollouts is started or restored.</exception>
    public async Task EnsureStartedManyAsync(IReadOnlyList<(RolloutPolicy Policy, bool Restoring)> rollouts, CancellationToken cancellationToken)
    {
        if (rollouts.Count < ReadOneByOneBelow)
        {
            foreach (var (policy, restoring) in rollouts)
            {
                try
                {
                    await EnsureStartedAsync(policy, restoring, cancellationToken);
                }
                catch (ConcurrencyConflictException)
                {
                    // Another replica started (or restored) the same rollout at the same moment: its state is stored now.
                    await EnsureStartedAsync(policy, restoring: false, cancellationToken);
                }
            }
            return;
        }
        var stored = (await store.ListAsync(cancellationToken)).ToDictionary(s => s.FlagKey, StringComparer.Ordinal);
        var now = time.GetUtcNow();
        var unchanged = new List<(RolloutPolicy, RolloutState)>();
        var decided = new List<(RolloutPolicy Policy, Decision Decision)>();
        foreach (var (policy, restoring) in rollouts)
        {
            if (pending.Find(policy.Flag.Key) is not null) continue;
            var state = stored.GetValueOrDefault(policy.Flag.Key);
            var (decision, restored) = StartOrRestore(policy, state, restoring, now, calendar.Periods);
            if (decision is null) unchanged.Add((policy, state!));
            else
            {
                if (restored) EngineLog.Restored(logger, state!.FlagKey, state.StageIndex + 1, decision.State.HoldServed);
                decided.Add((policy, decision));
            }
        }

        var saved = await store.SaveManyAsync(
            decided.Select(d => new RolloutWrite(d.Decision.State with { PolicyRevision = d.Policy.Revision }, d.Decision.Transitions, [],
                Outbox(d.Policy, d.Decision))).ToList(),
            cancellationToken);
        var applied = new List<(RolloutPolicy Policy, RolloutState State)>(unchanged);
        var raced = new List<RolloutPolicy>();
        for (var i = 0; i < decided.Count; i++)
        {
            if (saved[i] is { } state) applied.Add((decided[i].Policy, state));
            else raced.Add(decided[i].Policy);
        }
        await backend.ApplyManyAsync(applied, cancellationToken);
        foreach (var (policy, state) in applied)
        {
            known.Watch(state, now);
            telemetry.SetRollout(state.FlagKey, state.Phase.ToString(), (double)state.AsServed(policy).ServedWeight);
        }
        for (var i = 0; i < decided.Count; i++)
            if (saved[i] is not null) Observe(decided[i].Policy, decided[i].Decision, []);
        notices.Stored();
        foreach (var policy in raced) await EnsureStartedAsync(policy, restoring: false, cancellationToken);
    }

    /// <summary>
    /// One measurement round for one rollout. The queries run outside the per-flag lock, so a slow Prometheus never holds
    /// up a person's command (the kill switch above all); if the rollout changed while they ran, the round is dropped.
    /// </summary>
    public async Task<RolloutState?> TickAsync(RolloutPolicy policy, CancellationToken cancellationToken)
    {
        // With replicas, the last round may have run on another one moments ago: start from what is stored.
        var state = _sharedStore ? await LoadStoredAsync(policy.Flag.Key, cancellationToken) : await LoadAsync(policy.Flag.Key, cancellationToken);
        // Not started yet (its start failed, another replica has not stored it, or it waits for its scheduled time or the
        // calendar): start it now if it may, rather than wait for a reload.
        if (state is null || state.Phase == RolloutPhase.Pending) return await EnsureStartedAsync(policy, restoring: false, cancellationToken);

        // Applying the known state every round keeps the served weight right, whoever decided it.
        var now = time.GetUtcNow();
        if (!TransitionTable.IsLive(state.Phase) || !RolloutDecider.RoundDue(policy, state, now))
        {
            await ActAsync(policy, state, cancellationToken);
            return state;
        }

        var measurements = await measurer.MeasureAsync(policy, state, null, cancellationToken);
        // A flag on a platform: whether the platform serves what was applied counts like a guardrail's reading.
        if (backend.ReadingOf(policy, time.GetUtcNow()) is { } platform) measurements = [.. measurements, platform];

        // The lock covers deciding only, never waiting on the store: a store that hangs must not hold up the next
        // round's decision (a rollback above all) or a person's command.
        RolloutState current;
        Decision decision;
        using (await LockAsync(policy.Flag.Key, cancellationToken))
        {
            var latest = await LoadAsync(policy.Flag.Key, cancellationToken);
            // Changed while the queries ran (a command, another replica, a safety move merged in): this round is stale.
            if (latest is null || !ReferenceEquals(latest, state))
            {
                EngineLog.RoundDropped(logger, policy.Flag.Key);
                if (latest is not null) await ActAsync(policy, latest, cancellationToken);
                return latest;
            }
            current = latest;
            decision = RolloutDecider.Evaluate(policy, current, measurements, time.GetUtcNow(), backend.PrerequisitesOf(policy.Flag.Key), calendar.Periods);
            if (pending.Find(policy.Flag.Key) is not null && SafetyRule.IsAwayFromSafety(decision))
            {
                // A safety move waits to be stored: nothing moves away from safety before it is.
                EngineLog.HeldForSafetyMove(logger, policy.Flag.Key);
                return current;
            }
            if (KillSwitchRule.HoldsRamp(backend.SwitchOf(policy.Flag.Key), decision))
            {
                // The flag is switched off: nothing advances while it is (its measurements wait for the next round).
                Flags.Switches.KillSwitchLog.RampHeld(logger, policy.Flag.Key);
                return current;
            }
        }
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(SaveBudget(policy.Analysis.Interval));
        return (await PersistAndActAsync(policy, current, decision, measurements, budget.Token)).State;
    }

    /// <summary>
    /// Stops a rollout whose policy is no longer in force: without its guardrails it cannot be measured, so a live or
    /// pending rollout is aborted to 0% with the reason recorded. A finished one is left as it is.
    /// </summary>
    public async Task RetireAsync(RolloutPolicy removed, CancellationToken cancellationToken)
    {
        using var _ = await LockAsync(removed.Flag.Key, cancellationToken);
        var state = await ReadStoredAsync(removed.Flag.Key, cancellationToken);
        if (state is null || !(TransitionTable.IsLive(state.Phase) || state.Phase == RolloutPhase.Pending)) return;
        var reason = $"policy '{removed.Metadata.Name}' ({removed.Source}) is no longer in force; a rollout cannot be measured without it";
        var result = RolloutDecider.Apply(removed, state, RolloutCommand.Abort, RolloutDecider.ControllerActor, reason, time.GetUtcNow());
        if (result.Decision is not null) await PersistAndActAsync(removed, state, result.Decision, [], cancellationToken);
    }

    /// <summary>
    /// Applies a person's command; a refusal changes nothing and says why. Answers within <see cref="CommandBudget"/>
    /// whatever the store does: pause and abort are served at once (stored, or reported applied but not yet stored);
    /// resume and promote are stored first and refused when the store does not take them in time.
    /// </summary>
    /// <param name="memberships">For approve: the approver's roles and teams, matched against the policy's approvals.from.</param>
    public async Task<CommandOutcome> CommandAsync(
        RolloutPolicy policy, RolloutCommand command, string actor, string reason, CancellationToken cancellationToken, string? role = null,
        IReadOnlyCollection<string>? memberships = null, Analysis.Segments.Segment? segment = null,
        Flags.Platforms.PlatformObservation? platform = null)
    {
        var flag = policy.Flag.Key;
        if (KillSwitchRule.Refusal(command, backend.SwitchOf(flag)) is { } switchedOff) return CommandOutcome.Refused(switchedOff);
        var towardSafety = command is RolloutCommand.Pause or RolloutCommand.Abort;
        var started = time.GetTimestamp();
        using var held = await TryLockAsync(flag, towardSafety ? SafetyLockWait : CommandBudget, cancellationToken);
        if (held is null && !towardSafety)
            return CommandOutcome.StoreUnavailable($"not applied: another change to '{flag}' is still being stored; try again");

        // A round may store the rollout between the read and the save: the command is then decided again on what it
        // stored, up to three times within the budget, rather than refused. No wait between tries: the conflict means the
        // fresh state is already there to read.
        var decideAgainOnConflict = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    args.Outcome.Exception is ConcurrencyConflictException && time.GetElapsedTime(started) < CommandBudget),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.Zero,
            })
            .Build();
        var first = true;
        return await decideAgainOnConflict.ExecuteAsync(async ct =>
        {
            // A safety command reads the store briefly, then acts on what this replica serves: the kill switch never waits on it.
            var readBudget = first && towardSafety ? SafetyReadWait : CommandBudget - time.GetElapsedTime(started);
            first = false;
            var state = await ReadForCommandAsync(flag, readBudget, towardSafety, ct);
            if (state is null)
                return known.Find(flag) is null && pending.Find(flag) is null
                    ? CommandOutcome.Refused($"rollout '{flag}' has not started")
                    : CommandOutcome.StoreUnavailable($"not applied: the store did not answer within {CommandBudget.TotalSeconds:0.#} s; nothing changed (see /readyz)");
            var result = RolloutDecider.Apply(policy, state, command, actor, reason, time.GetUtcNow(), memberships, segment, calendar.Periods, platform);
            if (result.Decision is null) return CommandOutcome.Refused(result.Error!);

            if (!towardSafety && pending.Find(flag) is not null)
                return CommandOutcome.Refused($"not applied: a safety move of '{flag}' is served but not stored yet; {command.ToString().ToLowerInvariant()} " +
                    "is possible once the store has it (see /readyz)");
            using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
            budget.CancelAfter(Remaining(started));
            try
            {
                // The role the person acted under goes with each transition into the audit log.
                var decision = result.Decision with { Transitions = [.. result.Decision.Transitions.Select(t => t with { Role = role })] };
                var (saved, stored) = await PersistAndActAsync(policy, state, decision, [], budget.Token);
                return stored ? CommandOutcome.Done(saved)
                    : CommandOutcome.Pending(saved, "applied to what is served, not stored yet: the store did not answer in time. " +
                        "It is kept in this replica's journal and stored as soon as the store answers (see /readyz).");
            }
            catch (Exception e) when (!towardSafety && e is StoreException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                return CommandOutcome.StoreUnavailable(e is StoreTimeoutException { MayHaveApplied: true }
                    ? $"the store did not confirm the change within {CommandBudget.TotalSeconds:0.#} s; it may still be applied: check 'rolloutctl status {flag}'"
                    : $"not applied: {(e is StoreException ? e.Message : $"the store did not answer within {CommandBudget.TotalSeconds:0.#} s")}; nothing changed");
            }
        }, cancellationToken);
    }

    private TimeSpan Remaining(long started)
    {
        var left = CommandBudget - time.GetElapsedTime(started);
        return left > TimeSpan.FromMilliseconds(50) ? left : TimeSpan.FromMilliseconds(50);
    }

    // A command acts on the stored state (another replica may have changed it a moment ago), read within the budget; a
    // safety command whose read fails acts on what this replica knows, so the kill switch never depends on the store.
    private async Task<RolloutState?> ReadForCommandAsync(string flag, TimeSpan budget, bool towardSafety, CancellationToken cancellationToken)
    {
        if (pending.Find(flag) is { } move)
            lock (move.Gate) return move.Safe;
        try
        {
            var stored = await store.GetAsync(flag, cancellationToken).WaitAsync(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, time, cancellationToken);
            if (stored is not null) known.Update(stored);
            // Decided on what the store holds, not on a newer state this replica may keep in memory: the save is checked
            // against the stored version, so deciding on an unstored one would conflict on every try.
            return stored;
        }
        catch (Exception e) when (e is StoreException or TimeoutException)
        {
            return towardSafety ? known.Find(flag) : null;
        }
    }

    // A new rollout starts (or, when its scheduled time or the calendar says not yet, is stored pending, so it is listed);
    // a live one being restored gets its hold credited up to its last round; anything else is as stored.
    private static (Decision? Decision, bool Restored) StartOrRestore(
        RolloutPolicy policy, RolloutState? state, bool restoring, DateTimeOffset now, IReadOnlyList<FreezePeriod> freezes)
    {
        if (state is null || state.Phase == RolloutPhase.Pending)
        {
            var fresh = state ?? RolloutState.New(policy.Flag.Key, policy.Metadata.Name, policy.Revision, now);
            var start = RolloutDecider.Start(policy, fresh, now, freezes);
            return (start.Changed || state is null ? start : null, false);
        }
        if (restoring && RolloutDecider.Restore(state, now) is var restored && restored != state)
            return (new Decision(restored, [], []), true);
        return (null, false);
    }

    // The state rounds start from: a safety move waiting to be stored, else the newest this replica knows, else the store's.
    private async Task<RolloutState?> LoadAsync(string flagKey, CancellationToken cancellationToken)
    {
        if (pending.Find(flagKey) is { } move)
            lock (move.Gate) return move.Safe;
        if (known.Find(flagKey) is { } state) return state;
        var stored = await store.GetAsync(flagKey, cancellationToken);
        if (stored is not null) known.Update(stored);
        return stored;
    }

    // A round's start on a shared store: a safety move waiting to be stored, else the stored state, else (the store fails)
    // what this replica knows. The instance returned is the one KnownRollouts keeps, so the round can tell later whether
    // anything changed while it measured.
    private async Task<RolloutState?> LoadStoredAsync(string flagKey, CancellationToken cancellationToken)
    {
        if (pending.Find(flagKey) is { } move)
            lock (move.Gate) return move.Safe;
        try
        {
            return await ReadStoredAsync(flagKey, cancellationToken) ?? known.Find(flagKey);
        }
        catch (StoreException)
        {
            return known.Find(flagKey);
        }
    }

    private async Task<RolloutState?> ReadStoredAsync(string flagKey, CancellationToken cancellationToken)
    {
        var stored = await store.GetAsync(flagKey, cancellationToken);
        if (stored is not null) known.Update(stored);
        return stored is null ? null : known.Find(flagKey);
    }

    /// <summary>
    /// Moves toward safety (and anything decided while one waits to be stored) are served first and stored after
    /// (<see cref="SafetyMoveWriter"/>); everything else is stored first and acted on once stored.
    /// </summary>
    private async Task<(RolloutState State, bool Stored)> PersistAndActAsync(
        RolloutPolicy policy, RolloutState decidedOn, Decision decision, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        // Measurements belong to the stage they were taken in: the one before any transition this decision makes.
        var (stage, weight) = decision.Transitions.Count > 0
            ? (decision.Transitions[0].FromStage, decision.Transitions[0].FromWeight)
            : (decision.State.StageIndex, decision.State.Weight);
        var records = measurements.Select(m => new MeasurementRecord(policy.Flag.Key, stage, weight, m)).ToList();

        if (SafetyRule.IsTowardSafety(decision) || (pending.Find(policy.Flag.Key) is not null && !SafetyRule.IsAwayFromSafety(decision)))
        {
            var served = await safety.ApplyAsync(policy, decidedOn, decision with { State = decision.State with { PolicyRevision = policy.Revision } },
                records, Outbox(policy, decision));
            Observe(policy, decision, measurements);
            return served;
        }

        var toStore = decision.State with { PolicyRevision = policy.Revision };
        var deliveries = Outbox(policy, decision);
        RolloutState saved;
        try
        {
            var write = new RolloutWrite(toStore, decision.Transitions, records, deliveries);
            saved = (await store.SaveManyAsync([write], cancellationToken))[0]
                ?? throw new ConcurrencyConflictException(toStore.FlagKey, toStore.Version);
        }
        catch (ConcurrencyConflictException)
        {
            // Another replica got there first: what it stored is the state to start from next time.
            if (await store.GetAsync(policy.Flag.Key, CancellationToken.None) is { } newer) known.Update(newer);
            throw;
        }
        catch (Exception e) when (e is StoreException or OperationCanceledException && !SafetyRule.IsAwayFromSafety(decision)
                                  && decision.Transitions.All(t => t.Trigger == RolloutTrigger.Warn) && measurements.Count > 0)
        {
            // A round the store did not take: keep what it learnt, so the next rounds count on from it (see RoundSaveBudget).
            EngineLog.RoundKeptInMemory(logger, policy.Flag.Key, e.Message);
            var kept = await safety.ApplyAsync(policy, decidedOn, decision with { State = toStore }, records, deliveries);
            Observe(policy, decision, measurements);
            return kept;
        }
        known.Update(saved);

        backend.Explain(policy.Flag.Key, decision.Transitions);
        await ActAsync(policy, saved, cancellationToken);
        Observe(policy, decision, measurements);
        if (decision.Notices.Count > 0) notices.Stored();
        return (saved, true);
    }

    // The notices of a decision, as outbox deliveries stored with its transitions.
    private List<OutboxDelivery> Outbox(RolloutPolicy policy, Decision decision) =>
        decision.Notices.SelectMany(n => notices.Prepare(n, policy)).ToList();

    private async Task ActAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        await backend.ApplyAsync(policy, state, cancellationToken);
        telemetry.SetRollout(state.FlagKey, state.Phase.ToString(), (double)state.AsServed(policy).ServedWeight);
    }

    private void Observe(RolloutPolicy policy, Decision decision, IReadOnlyList<Measurement> measurements)
    {
        var flag = new KeyValuePair<string, object?>("flag", policy.Flag.Key);
        foreach (var m in measurements)
        {
            telemetry.Measurements.Add(1, flag, new("guardrail", m.Guardrail), new("verdict", m.Verdict.ToString().ToLowerInvariant()));
            // One gauge per guardrail: segments of a per-segment guardrail would overwrite each other, so only overall values.
            if (m.Value is { } v && m.Segment is null) telemetry.SetGuardrailValue(policy.Flag.Key, m.Guardrail, v);
        }
        foreach (var g in policy.Analysis.Guardrails.Where(g => measurements.Any(m => m.Guardrail == g.Name)))
            telemetry.SetGuardrailBounds(policy.Flag.Key, g.Name, g.Max, g.Min);
        foreach (var t in decision.Transitions)
        {
            telemetry.Transitions.Add(1, flag, new("trigger", t.Trigger.ToString().ToLowerInvariant()));
            EngineLog.Transitioned(logger, t.FlagKey, t.Trigger, t.From, t.To, t.FromWeight, t.ToWeight, t.Actor, t.Reason);
        }
        foreach (var n in decision.Notices.Where(n => n.Kind == NoticeKind.RolledBack))
            foreach (var b in n.Breaches)
                telemetry.Rollbacks.Add(1, flag, new("guardrail", b.Measurement.Guardrail));
    }

    private async Task<IDisposable> LockAsync(string flagKey, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(flagKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    // Null when the lock was not free within the wait: the caller decides whether to go on without it.
    private async Task<IDisposable?> TryLockAsync(string flagKey, TimeSpan wait, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(flagKey, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(wait, cancellationToken) ? new Releaser(gate) : null;
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
