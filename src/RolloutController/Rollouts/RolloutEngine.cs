using System.Collections.Concurrent;
using RolloutController.Analysis;
using RolloutController.Flags;
using RolloutController.Metrics;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Telemetry;

namespace RolloutController.Rollouts;

/// <summary>
/// The I/O shell around <see cref="RolloutDecider"/>: load state, measure, decide, persist, then act and notify.
/// Nothing is acted on before it is stored, so a restart resumes exactly where the last stored decision left off.
/// </summary>
internal sealed class RolloutEngine(
    IRolloutStore store,
    GuardrailMeasurer measurer,
    IFlagBackend backend,
    INoticePublisher notices,
    ControllerMetrics telemetry,
    TimeProvider time,
    ILogger<RolloutEngine> logger)
{
    // Serializes ticks and commands for one flag inside this process; across replicas the store's version check does it.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates and starts the rollout of a newly seen policy; otherwise brings the served weight in line with the stored
    /// state. With <paramref name="restoring"/> (the first time this process sees the rollout) a live rollout's hold is
    /// credited only up to its last stored round: time the controller was down does not count.
    /// </summary>
    public async Task<RolloutState> EnsureStartedAsync(RolloutPolicy policy, bool restoring, CancellationToken cancellationToken)
    {
        using var _ = await LockAsync(policy.Flag.Key, cancellationToken);
        var state = await store.GetAsync(policy.Flag.Key, cancellationToken);
        var now = time.GetUtcNow();
        if (state is null || state.Phase == RolloutPhase.Pending)
        {
            var fresh = state ?? RolloutState.New(policy.Flag.Key, policy.Metadata.Name, policy.Revision, now);
            return await PersistAndActAsync(policy, RolloutDecider.Start(policy, fresh, now), [], cancellationToken);
        }
        if (restoring && RolloutDecider.Restore(state, now) is var restored && restored != state)
        {
            EngineLog.Restored(logger, state.FlagKey, state.StageIndex + 1, restored.HoldServed);
            state = await store.SaveAsync(restored, [], [], cancellationToken);
        }
        await ActAsync(policy, state, cancellationToken);
        return state;
    }

    /// <summary>
    /// One measurement round for one rollout. The queries run outside the per-flag lock, so a slow Prometheus never holds
    /// up a person's command (the kill switch above all); if the rollout changed while they ran, the round is dropped.
    /// </summary>
    public async Task<RolloutState?> TickAsync(RolloutPolicy policy, CancellationToken cancellationToken)
    {
        var state = await store.GetAsync(policy.Flag.Key, cancellationToken);
        // Not started yet (its start failed, or another replica has not stored it): start it now rather than wait for a reload.
        if (state is null) return await EnsureStartedAsync(policy, restoring: false, cancellationToken);

        // Applying the stored state every round keeps the served weight right on every replica, whoever decided it.
        if (!TransitionTable.IsLive(state.Phase) || !RolloutDecider.RoundDue(policy, state, time.GetUtcNow()))
        {
            await ActAsync(policy, state, cancellationToken);
            return state;
        }

        var measurements = await measurer.MeasureAsync(policy, state, null, cancellationToken);

        using var _ = await LockAsync(policy.Flag.Key, cancellationToken);
        var current = await store.GetAsync(policy.Flag.Key, cancellationToken);
        if (current is null || current.Version != state.Version)
        {
            EngineLog.RoundDropped(logger, policy.Flag.Key);
            if (current is not null) await ActAsync(policy, current, cancellationToken);
            return current;
        }
        var decision = RolloutDecider.Evaluate(policy, current, measurements, time.GetUtcNow());
        return await PersistAndActAsync(policy, decision, measurements, cancellationToken);
    }

    /// <summary>
    /// Stops a rollout whose policy is no longer in force: without its guardrails it cannot be measured, so a live or
    /// pending rollout is aborted to 0% with the reason recorded. A finished one is left as it is.
    /// </summary>
    public async Task RetireAsync(RolloutPolicy removed, CancellationToken cancellationToken)
    {
        using var _ = await LockAsync(removed.Flag.Key, cancellationToken);
        var state = await store.GetAsync(removed.Flag.Key, cancellationToken);
        if (state is null || !(TransitionTable.IsLive(state.Phase) || state.Phase == RolloutPhase.Pending)) return;
        var reason = $"policy '{removed.Metadata.Name}' ({removed.Source}) is no longer in force; a rollout cannot be measured without it";
        var result = RolloutDecider.Apply(removed, state, RolloutCommand.Abort, RolloutDecider.ControllerActor, reason, time.GetUtcNow());
        if (result.Decision is not null) await PersistAndActAsync(removed, result.Decision, [], cancellationToken);
    }

    /// <summary>Applies a person's command; a refusal changes nothing and says why.</summary>
    public async Task<CommandOutcome> CommandAsync(
        RolloutPolicy policy, RolloutCommand command, string actor, string reason, CancellationToken cancellationToken)
    {
        using var _ = await LockAsync(policy.Flag.Key, cancellationToken);
        var state = await store.GetAsync(policy.Flag.Key, cancellationToken);
        if (state is null) return CommandOutcome.Refused($"rollout '{policy.Flag.Key}' has not started");
        var result = RolloutDecider.Apply(policy, state, command, actor, reason, time.GetUtcNow());
        if (result.Decision is null) return CommandOutcome.Refused(result.Error!);
        var saved = await PersistAndActAsync(policy, result.Decision, [], cancellationToken);
        return CommandOutcome.Done(saved);
    }

    private async Task<RolloutState> PersistAndActAsync(
        RolloutPolicy policy, Decision decision, IReadOnlyList<Measurement> measurements, CancellationToken cancellationToken)
    {
        // Measurements belong to the stage they were taken in: the one before any transition this decision makes.
        var (stage, weight) = decision.Transitions.Count > 0
            ? (decision.Transitions[0].FromStage, decision.Transitions[0].FromWeight)
            : (decision.State.StageIndex, decision.State.Weight);
        var records = measurements.Select(m => new MeasurementRecord(policy.Flag.Key, stage, weight, m)).ToList();

        var toStore = decision.State with { PolicyRevision = policy.Revision };
        var saved = await store.SaveAsync(toStore, decision.Transitions, records, cancellationToken);

        await ActAsync(policy, saved, cancellationToken);
        Observe(policy, decision, measurements);
        foreach (var notice in decision.Notices) notices.Publish(notice, policy);
        return saved;
    }

    private async Task ActAsync(RolloutPolicy policy, RolloutState state, CancellationToken cancellationToken)
    {
        await backend.ApplyAsync(policy, state, cancellationToken);
        telemetry.SetRollout(state.FlagKey, state.Phase.ToString(), (double)ServedWeight(state));
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
        foreach (var t in decision.Transitions)
        {
            telemetry.Transitions.Add(1, flag, new("trigger", t.Trigger.ToString().ToLowerInvariant()));
            EngineLog.Transitioned(logger, t.FlagKey, t.Trigger, t.From, t.To, t.FromWeight, t.ToWeight, t.Actor, t.Reason);
        }
        foreach (var n in decision.Notices.Where(n => n.Kind == NoticeKind.RolledBack))
            foreach (var b in n.Breaches)
                telemetry.Rollbacks.Add(1, flag, new("guardrail", b.Measurement.Guardrail));
    }

    /// <summary>The weight services actually get: 0 unless the rollout is live or completed.</summary>
    public static decimal ServedWeight(RolloutState state) =>
        TransitionTable.IsLive(state.Phase) || state.Phase == RolloutPhase.Completed ? state.Weight : 0m;

    private async Task<IDisposable> LockAsync(string flagKey, CancellationToken cancellationToken)
    {
        var gate = _locks.GetOrAdd(flagKey, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
