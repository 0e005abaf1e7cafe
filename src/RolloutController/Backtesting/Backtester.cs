using RolloutController.Analysis;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Engine;

namespace RolloutController.Backtesting;

/// <summary>
/// Replays a policy against metrics history on a virtual clock: starts the rollout at the range's start, then measures
/// every guardrail at each round's instant and lets <see cref="RolloutDecider"/> decide, exactly as a live round would,
/// until the range ends or the rollout completes or rolls back. Writes nothing anywhere: no store, no flag, no notice.
/// </summary>
/// <param name="measure">Measures every guardrail of the policy for the state at the given instant (live: <see cref="GuardrailMeasurer.MeasureAsync"/>).</param>
internal sealed class Backtester(Func<RolloutPolicy, RolloutState, DateTimeOffset, CancellationToken, Task<IReadOnlyList<Measurement>>> measure)
{
    /// <summary>A backtester that queries through the controller's own measurer.</summary>
    public static Backtester Over(GuardrailMeasurer measurer) =>
        new((policy, state, at, ct) => measurer.MeasureAsync(policy, state, at, ct));

    public async Task<BacktestReport> RunAsync(RolloutPolicy policy, BacktestRange range, CancellationToken cancellationToken)
    {
        var report = new BacktestReportBuilder(policy, range);
        // The range says when the replay starts: a scheduled start or a closed window would only postpone it out of the
        // range. Release windows still gate every advance, as live.
        var start = RolloutDecider.Start(policy with { Governance = policy.Governance with { StartAt = null, Windows = [] } },
            RolloutState.New(policy.Flag.Key, policy.Metadata.Name, policy.Revision, range.From), range.From);
        report.Started(start);

        var state = start.State;
        DateTimeOffset? at = range.From;
        // Bounded: the range holds at most MaxRounds interval rounds, plus at most one hold-end round per stage.
        while (at is { } now && TransitionTable.IsLive(state.Phase))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var measurements = await measure(policy, state, now, cancellationToken);
            var decision = RolloutDecider.Evaluate(policy, state, measurements, now);
            report.Round(now, measurements, decision);
            state = decision.State;
            at = BacktestSchedule.NextRound(policy, range, state, now);
        }
        return report.Build(state);
    }
}
