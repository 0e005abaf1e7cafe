using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.DecisionHarness;

/// <summary>
/// Simulates one rollout under one policy on a virtual clock, through the controller's decision path. It starts the
/// rollout with <see cref="RolloutDecider.Start"/>; every analysis interval, the interval's traffic is served at the
/// weight the rollout is at (<see cref="TrafficModel"/>), added to the cumulative counters (<see cref="CounterHistory"/>),
/// measured as the measurer would (<see cref="SyntheticMeasurer"/>) and handed to <see cref="RolloutDecider.Evaluate"/>,
/// whose decision — hold, advance, complete, pause, roll back — is followed. Nobody resumes a paused rollout: it stays at
/// its weight and is still measured, so it can still roll back, for one hold of its stage after the pause, when the run
/// ends. Otherwise a run ends when the rollout completes or rolls back, or at the horizon: twice the ramp's total hold,
/// long enough for a rollout whose gates open late (inconclusive at low traffic) to complete.
/// </summary>
internal static class RolloutSimulator
{
    /// <summary>The virtual clock's origin; any instant would do.</summary>
    public static readonly DateTimeOffset Epoch = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TimeSpan Horizon(RolloutPolicy policy) => 2 * policy.Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Hold);

    public static RunOutcome Run(Scenario scenario, RolloutPolicy policy, ulong seed)
    {
        var rng = new Xoshiro256(seed);
        var interval = policy.Analysis.Interval;
        var horizon = Horizon(policy);
        var meanPerInterval = scenario.TrafficPerMinute * interval.TotalMinutes;
        var history = new CounterHistory();
        var state = RolloutDecider.Start(policy, RolloutState.New(HarnessPolicies.FlagKey, policy.Metadata.Name, policy.Revision, Epoch), Epoch).State;
        var outcome = new OutcomeRecorder(scenario);
        outcome.StageEntered(state.StageIndex, TimeSpan.Zero);

        var end = horizon;
        for (var elapsed = interval; elapsed <= end; elapsed += interval)
        {
            var harmed = outcome.Harmed;
            var share = scenario.ServedShare(state.Weight, harmed);
            history.Add(elapsed,
                TrafficModel.Draw(rng, meanPerInterval * share, scenario.CanaryErrorRate(harmed), scenario.CanaryConversionRate(harmed)),
                TrafficModel.Draw(rng, meanPerInterval * (1 - share), Scenario.ErrorRate, Scenario.ConversionRate));

            var now = Epoch + elapsed;
            if (!RolloutDecider.RoundDue(policy, state, now)) continue;
            var decision = RolloutDecider.Evaluate(policy, state, SyntheticMeasurer.Measure(policy, state, history, now), now);
            outcome.Follow(decision, elapsed);
            if (decision.State.Phase == RolloutPhase.Paused && state.Phase != RolloutPhase.Paused)
                end = TimeSpan.FromTicks(Math.Min(horizon.Ticks, (elapsed + StageClock.CurrentStage(policy, decision.State).Hold).Ticks));
            state = decision.State;
            if (!TransitionTable.IsLive(state.Phase)) return outcome.Result(state.Phase, elapsed);
        }
        return outcome.Result(state.Phase, end);
    }
}
