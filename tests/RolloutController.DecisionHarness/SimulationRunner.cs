namespace RolloutController.DecisionHarness;

/// <summary>
/// Runs every scenario many times under every policy, in parallel. Run r of scenario s uses the seed derived from
/// (seed, s, r) under every policy — the same traffic as long as the policies take the same decisions — and results are
/// stored by run index, so the report is identical whatever the thread count or scheduling.
/// </summary>
internal static class SimulationRunner
{
    public static IReadOnlyList<ScenarioResult> Run(IReadOnlyList<Scenario> scenarios, IReadOnlyList<PolicyTrack> policies, int runs, ulong seed)
    {
        var results = new ScenarioResult[scenarios.Count];
        for (var s = 0; s < scenarios.Count; s++)
        {
            var scenario = scenarios[s];
            var scenarioSeed = Xoshiro256.Derive(seed, (ulong)s);
            var outcomes = new RunOutcome[policies.Count, runs];
            Parallel.For(0, policies.Count * runs, i =>
            {
                var (p, r) = Math.DivRem(i, runs);
                outcomes[p, r] = RolloutSimulator.Run(scenario, policies[p].Policy, Xoshiro256.Derive(scenarioSeed, (ulong)r));
            });
            results[s] = new ScenarioResult(scenario, policies
                .Select((policy, p) => TrackSummary.From(policy.Name, scenario.Harm, Enumerable.Range(0, runs).Select(r => outcomes[p, r]).ToList()))
                .ToList());
        }
        return results;
    }
}
