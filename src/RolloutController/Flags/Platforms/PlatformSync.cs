using System.Collections.Concurrent;
using RolloutController.Analysis;
using RolloutController.Engine;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Telemetry;
using RolloutController.Time;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// Keeps every platform-backed flag in step with its rollout: the engine says what it wants (<see cref="Want"/>, never
/// waiting on the platform, so a safety move is never held up by it), and <see cref="PlatformSyncService"/> reads, decides
/// (<see cref="PlatformSyncRule"/>), writes and reads back, with backoff on failure. What the platform reported is what
/// status and /metrics show; rounds read it as a measurement (<see cref="ReadingOf"/>).
/// </summary>
internal sealed class PlatformSync(
    PlatformConnections connections,
    INoticePublisher notices,
    ControllerMetrics telemetry,
    TimeProvider time,
    ILogger<PlatformSync> logger)
{
    private readonly ConcurrentDictionary<string, PlatformFlagSync> _flags = new(StringComparer.Ordinal);

    // The kill switch of every flag switched since start, kept for flags whose rollout is applied after their switch.
    private readonly ConcurrentDictionary<string, FlagSwitch?> _switches = new(StringComparer.Ordinal);

    // The transitions of each flag's latest decision: why the next write is made (PlatformWriteReason).
    private readonly ConcurrentDictionary<string, IReadOnlyList<Transition>> _causes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Every platform-backed flag known.</summary>
    public IEnumerable<PlatformFlagSync> All => _flags.Values;

    /// <summary>Whether the policy's flag is served by a platform connection rather than by this controller.</summary>
    public bool Drives(RolloutPolicy policy) => policy.Flag.Provider != FlagSpec.BuiltinProvider;

    public PlatformFlagSync? Find(string flagKey) => _flags.GetValueOrDefault(flagKey);

    /// <summary>Signalled when a flag needs an attempt now (the service waits on it between passes).</summary>
    public SemaphoreSlim Wake => _wake;

    /// <summary>
    /// Records what <paramref name="state"/> wants the platform to serve; an attempt is made at once when it changes. With
    /// <paramref name="pinned"/> (a safety move not stored yet) only another pinned state replaces it until <see cref="Unpin"/>.
    /// </summary>
    public void Want(RolloutPolicy policy, RolloutState state, bool pinned)
    {
        var platform = connections.Find(policy.Flag.Provider);
        if (platform is null) return;
        // A dry run decides and records but serves nothing of its ramp: the platform is given what is served.
        state = state.AsServed(policy);
        var now = time.GetUtcNow();
        var sync = _flags.GetOrAdd(policy.Flag.Key, key => new PlatformFlagSync(platform, policy, state, now)
        {
            Pinned = pinned, KillSwitch = _switches.GetValueOrDefault(key), SwitchedOff = KillSwitchRule.IsOff(_switches.GetValueOrDefault(key)),
        });
        var changed = false;
        bool? adopted = null;
        PlatformFlagState? resolved = null;
        lock (sync.Gate)
        {
            sync.Platform = platform;
            sync.Policy = policy;
            if (sync.Pinned && !pinned && !ReferenceEquals(sync.Desired, state)) return;
            // A state read before a newer one was applied (a refresh from the store, a round that read it before) is stale.
            if (!pinned && state.Version < sync.Desired.Version) return;
            var before = sync.Target;
            var after = PlatformTarget.Of(state, sync.SwitchedOff);
            if (!ReferenceEquals(sync.Desired, state))
            {
                if (!before.Matches(after)) sync.Previous = sync.Desired;
                sync.Desired = state;
            }
            sync.Pinned = pinned;
            // A person's resume after a drift pause overwrites the hand change, an adopt keeps it; the controller's own states do neither.
            if (sync.DriftUnresolved && state.Phase == RolloutPhase.Paused && state.Version > sync.DriftVersion) sync.DriftPausedVersion ??= state.Version;
            if (sync.DriftUnresolved && PlatformSyncRule.ResolvesDrift(state, sync.DriftPausedVersion))
            {
                sync.DriftUnresolved = false;
                // What was found by hand is taken as the starting point the rollout's state is written over (or, adopted, matches).
                sync.Confirmed = sync.Observed;
                // No longer drift from now: the next round holds the gate until the write is confirmed, and does not pause again.
                sync.Status = PlatformSyncStatus.Applying;
                adopted = sync.Observed is { } seen && after.Matches(seen);
                resolved = sync.Observed;
                sync.Detail = adopted.Value
                    ? "a person adopted the change made by hand: the rollout serves what the platform serves"
                    : "a person resumed: writing the rollout's state over the change made by hand";
            }
            if (state.Phase is RolloutPhase.RolledBack or RolloutPhase.Aborted && sync.RollbackSince is null
                && (sync.Confirmed is null || sync.Confirmed.ServedWeight > 0m))
            {
                sync.RollbackSince = now;
                sync.RollbackNoticeSent = false;
            }
            if (!before.Matches(after) || sync.Status != PlatformSyncStatus.InSync)
            {
                sync.NextAttempt = now;
                if (sync.Status == PlatformSyncStatus.InSync) sync.Status = PlatformSyncStatus.Applying;
                changed = true;
            }
        }
        if (adopted is true) DriftLog.Adopted(logger, policy.Flag.Key, platform.Name, resolved!);
        if (adopted is false) DriftLog.Overwritten(logger, policy.Flag.Key, platform.Name, resolved, PlatformTarget.Of(state, sync.SwitchedOff));
        if (changed) _wake.Release();
    }

    /// <summary>
    /// Why the flag's next state is served: the transitions of the decision that led to it, read when the write is made
    /// (<see cref="PlatformWriteReason"/>; ignored once the state served is another one).
    /// </summary>
    public void Explain(string flagKey, IReadOnlyList<Transition> transitions)
    {
        if (transitions.Count > 0) _causes[flagKey] = transitions;
    }

    /// <summary>
    /// A person switched the flag off or on (<see cref="KillSwitchRule"/>): off turns it off on its platform at once, whatever
    /// the rollout serves — a move to 0%, written whatever was changed by hand, retried until applied and paged as
    /// "rollback NOT applied" when it cannot be; on restores what the rollout serves. Never waits on the platform.
    /// </summary>
    /// <param name="flagSwitch">The switch served now; null when nobody ever switched the flag.</param>
    public void Switch(string flagKey, FlagSwitch? flagSwitch)
    {
        var off = KillSwitchRule.IsOff(flagSwitch);
        _switches[flagKey] = flagSwitch;
        if (!_flags.TryGetValue(flagKey, out var sync)) return;
        lock (sync.Gate)
        {
            sync.KillSwitch = flagSwitch;
            if (sync.SwitchedOff == off) return;
            var served = sync.Target.ServedWeight;
            sync.SwitchedOff = off;
            var now = time.GetUtcNow();
            if (off && served > 0m && sync.RollbackSince is null)
            {
                sync.RollbackSince = now;
                sync.RollbackNoticeSent = false;
            }
            // Switched on again: a move to 0% still waiting is no longer wanted.
            if (!off && sync.Target.ServedWeight > 0m) sync.RollbackSince = null;
            sync.NextAttempt = now;
            if (sync.Status == PlatformSyncStatus.InSync) sync.Status = PlatformSyncStatus.Applying;
        }
        _wake.Release();
    }

    public void Unpin(string flagKey)
    {
        if (_flags.TryGetValue(flagKey, out var sync)) lock (sync.Gate) sync.Pinned = false;
    }

    /// <summary>
    /// Reads the policy's flag on its platform now, for a person's adopt (<see cref="DriftAdoption"/>): what it serves, and
    /// whether this controller found it changed by hand. Ok(null) for a flag this controller serves itself; a read that
    /// fails is the failure (nothing is decided on an old reading). Never writes.
    /// </summary>
    public async Task<PlatformCall<PlatformObservation?>> ObserveAsync(RolloutPolicy policy, CancellationToken cancellationToken)
    {
        if (!Drives(policy) || connections.Find(policy.Flag.Provider) is not { } platform) return PlatformCall<PlatformObservation?>.Ok(null);
        var read = await platform.ReadAsync(policy.Flag.Key, cancellationToken);
        if (!read.Succeeded)
            return PlatformCall<PlatformObservation?>.Failed($"not applied: reading '{policy.Flag.Key}' on {platform.Name} failed: {read.Failure}; nothing changed");
        var observed = read.Value!;
        if (!_flags.TryGetValue(policy.Flag.Key, out var sync))
            return PlatformCall<PlatformObservation?>.Ok(new PlatformObservation(platform.Name, observed, DriftFound: false, Change: null));
        lock (sync.Gate)
        {
            // What is adopted is what was read now: the drift's resolution takes it as confirmed (Want).
            sync.Observed = observed;
            sync.ReadAt = time.GetUtcNow();
            return PlatformCall<PlatformObservation?>.Ok(
                new PlatformObservation(platform.Name, observed, sync.DriftUnresolved, sync.DriftUnresolved ? sync.Detail : null));
        }
    }

    /// <summary>The platform's state as this round's measurement; null for a flag this controller serves itself.</summary>
    public Measurement? ReadingOf(RolloutPolicy policy, DateTimeOffset now)
    {
        if (!Drives(policy)) return null;
        if (!_flags.TryGetValue(policy.Flag.Key, out var sync))
            return PlatformReading.Of(policy.Flag.Provider, PlatformSyncStatus.Applying, null, "not read yet", now);
        lock (sync.Gate) return PlatformReading.Of(policy.Flag.Provider, sync.Status, sync.Observed?.ServedWeight, sync.Detail, now);
    }

    /// <summary>One attempt for one flag: read, decide, write and read back. Never throws for what the platform does.</summary>
    public async Task SyncAsync(PlatformFlagSync sync, CancellationToken cancellationToken)
    {
        if (!await sync.Running.WaitAsync(0, cancellationToken)) return;
        try
        {
            await AttemptAsync(sync, cancellationToken);
        }
        finally
        {
            sync.Running.Release();
        }
    }

    private async Task AttemptAsync(PlatformFlagSync sync, CancellationToken cancellationToken)
    {
        IFlagPlatform platform;
        string flag;
        lock (sync.Gate)
        {
            platform = sync.Platform;
            flag = sync.Desired.FlagKey;
        }
        var read = await platform.ReadAsync(flag, cancellationToken);
        if (!read.Succeeded)
        {
            Fail(sync, read.Failure!, read.RetryAfter);
            return;
        }
        var observed = read.Value!;
        PlatformFlagState desired;
        PlatformSyncStep step;
        string reason;
        lock (sync.Gate)
        {
            sync.Observed = observed;
            sync.ReadAt = time.GetUtcNow();
            desired = sync.Target;
            reason = PlatformWriteReason.Of(sync.Policy, sync.Desired, _causes.GetValueOrDefault(flag), sync.KillSwitch);
            step = PlatformSyncRule.Decide(desired, sync.Confirmed, observed, sync.DriftUnresolved);
        }
        switch (step)
        {
            case PlatformSyncStep.InSync:
                Confirm(sync, observed);
                return;
            case PlatformSyncStep.Drifted:
                await DriftAsync(sync, observed, cancellationToken);
                return;
        }

        var written = await platform.WriteAsync(flag, desired, observed, reason, cancellationToken);
        if (!written.Succeeded)
        {
            Fail(sync, written.Failure!, written.RetryAfter);
            return;
        }
        var back = await platform.ReadAsync(flag, cancellationToken);
        if (!back.Succeeded)
        {
            Fail(sync, "written, but reading it back failed: " + back.Failure, back.RetryAfter);
            return;
        }
        lock (sync.Gate)
        {
            sync.Observed = back.Value;
            sync.ReadAt = time.GetUtcNow();
        }
        if (back.Value!.Matches(desired))
        {
            Confirm(sync, back.Value!);
            return;
        }
        var wait = Fail(sync, $"written, but the platform serves {back.Value} instead of {desired}", null);
        PlatformLog.NotConfirmed(logger, flag, platform.Name, back.Value, desired, wait);
    }

    private void Confirm(PlatformFlagSync sync, PlatformFlagState served)
    {
        DateTimeOffset? rollbackSince;
        bool noticeSent;
        RolloutPolicy policy;
        RolloutState desired;
        bool changed;
        bool switchedOff;
        lock (sync.Gate)
        {
            switchedOff = sync.SwitchedOff;
            changed = sync.Status != PlatformSyncStatus.InSync || sync.Confirmed is null || !sync.Confirmed.Matches(served);
            sync.Confirmed = served;
            sync.Status = PlatformSyncStatus.InSync;
            sync.Detail = $"serves {served}";
            sync.Failures = 0;
            sync.DriftUnresolved = false;
            sync.NextAttempt = time.GetUtcNow() + Connection(sync).ReadInterval;
            rollbackSince = served.ServedWeight == 0m ? sync.RollbackSince : null;
            noticeSent = sync.RollbackNoticeSent;
            if (served.ServedWeight == 0m) sync.RollbackSince = null;
            policy = sync.Policy;
            desired = sync.Desired;
        }
        if (changed) PlatformLog.Confirmed(logger, desired.FlagKey, sync.Platform.Name, served);
        if (rollbackSince is { } since && noticeSent)
        {
            var waited = time.GetUtcNow() - since;
            PlatformLog.RollbackApplied(logger, desired.FlagKey, sync.Platform.Name, waited);
            Send(policy, sync, desired, switchedOff, NoticeKind.RollbackApplied, NoticeSeverity.Warning,
                $"'{desired.FlagKey}' is now off on {sync.Platform.Name}: the move to 0% is applied after {DurationParser.Format(WholeSeconds(waited))}",
                $"{sync.Platform.Name} serves {served}, confirmed by reading it back.",
                switchedOff
                    ? $"Nothing more to do for the platform; the flag stays off until a person switches it on (rolloutctl flag on {desired.FlagKey})."
                    : "Nothing more to do for the platform; the rollout stays stopped until a person restarts it.");
        }
    }

    private TimeSpan Fail(PlatformFlagSync sync, string failure, TimeSpan? retryAfter)
    {
        var now = time.GetUtcNow();
        TimeSpan wait;
        bool rollbackNotice;
        DateTimeOffset since;
        RolloutPolicy policy;
        RolloutState desired;
        bool switchedOff;
        lock (sync.Gate)
        {
            switchedOff = sync.SwitchedOff;
            sync.Failures++;
            var c = Connection(sync);
            wait = ExponentialBackoff.Delay(c.InitialBackoff, c.MaxBackoff, sync.Failures, Random.Shared.NextDouble());
            // A platform's Retry-After is honoured, up to the longest wait configured.
            if (retryAfter is { } asked && asked > wait) wait = asked < c.MaxBackoff ? asked : c.MaxBackoff;
            sync.NextAttempt = now + wait;
            var pending = sync.Target.ServedWeight == 0m && sync.RollbackSince is not null;
            sync.Status = pending ? PlatformSyncStatus.RollbackPending : PlatformSyncStatus.Unreachable;
            sync.Detail = failure;
            rollbackNotice = pending && !sync.RollbackNoticeSent;
            if (rollbackNotice) sync.RollbackNoticeSent = true;
            since = sync.RollbackSince ?? now;
            policy = sync.Policy;
            desired = sync.Desired;
        }
        telemetry.PlatformErrors.Add(1, new KeyValuePair<string, object?>("provider", sync.Platform.Name));
        PlatformLog.Failed(logger, desired.FlagKey, sync.Platform.Name, failure, wait);
        if (rollbackNotice)
        {
            PlatformLog.RollbackNotApplied(logger, desired.FlagKey, sync.Platform.Name, since, failure);
            Send(policy, sync, desired, switchedOff, NoticeKind.RollbackNotApplied, NoticeSeverity.Critical,
                $"rollback NOT applied: '{desired.FlagKey}' is still served on {sync.Platform.Name}: {failure}",
                $"The controller decided 0% ({(switchedOff ? "the flag is switched off" : desired.Phase)}) but {sync.Platform.Name} has not taken it; it retries with backoff " +
                "(up to its MaxBackoff) until the platform confirms it, and says so when it does.",
                $"Turn '{desired.FlagKey}' off on {sync.Platform.Name} by hand if it stays down; see rolloutctl status {desired.FlagKey} " +
                "and rollout_controller_flag_platform_rollback_pending.");
        }
        return wait;
    }

    private async Task DriftAsync(PlatformFlagSync sync, PlatformFlagState observed, CancellationToken cancellationToken)
    {
        bool first;
        string change;
        string flag;
        lock (sync.Gate)
        {
            first = !sync.DriftUnresolved;
            change = PlatformSyncRule.Change(sync.Confirmed, observed);
            flag = sync.Desired.FlagKey;
            if (first)
            {
                sync.DriftUnresolved = true;
                sync.DriftVersion = sync.Desired.Version;
                sync.DriftPausedVersion = sync.Desired.Phase == RolloutPhase.Paused ? sync.Desired.Version : null;
            }
        }
        var who = first ? await sync.Platform.LastChangeAsync(flag, cancellationToken) : null;
        lock (sync.Gate)
        {
            if (first) sync.Detail = who is null ? change : $"{change} ({who})";
            sync.Status = PlatformSyncStatus.Drifted;
            sync.Failures = 0;
            sync.NextAttempt = time.GetUtcNow() + Connection(sync).ReadInterval;
        }
        if (first) PlatformLog.Drifted(logger, flag, sync.Platform.Name, sync.Detail);
    }

    // The move the notice is about: the kill switch (the rollout's state unchanged, its weight to 0), else the rollout's
    // own move to 0% from the state served before.
    private void Send(RolloutPolicy policy, PlatformFlagSync sync, RolloutState desired, bool switchedOff, NoticeKind kind,
        NoticeSeverity severity, string summary, string action, string nextStep)
    {
        var previous = switchedOff ? desired : sync.Previous ?? desired;
        var trigger = switchedOff ? RolloutTrigger.SwitchOff : desired.Phase == RolloutPhase.Aborted ? RolloutTrigger.Abort : RolloutTrigger.Rollback;
        var transition = new Transition(desired.FlagKey, trigger,
            previous.Phase, desired.Phase, previous.StageIndex, desired.StageIndex, previous.ServedWeight, switchedOff ? 0m : desired.ServedWeight,
            RolloutDecider.ControllerActor, summary, time.GetUtcNow());
        var notice = new RolloutNotice(kind, severity, desired.FlagKey, summary, action, nextStep, transition, [], []);
        _ = notices.DeliverNowAsync(notices.Prepare(notice, policy));
    }

    private FlagPlatformConnection Connection(PlatformFlagSync sync) => connections.Settings(sync.Platform.Name);

    private static TimeSpan WholeSeconds(TimeSpan value) => TimeSpan.FromSeconds(Math.Max(0, Math.Round(value.TotalSeconds)));
}
