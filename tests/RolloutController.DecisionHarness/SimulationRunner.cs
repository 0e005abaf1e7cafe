namespace RolloutController.DecisionHarness;

/// <summary>
/// Runs every scenario many times in parallel. Run r of scenario s always uses the seed derived from (seed, s, r), and
/// results are stored by run index, so the report is identical whatever the thread count or scheduling.
/// </summary>
internal static class SimulationRunner
{
    public static IReadOnlyList<ScenarioResult> Run(IReadOnlyList<Scenario> scenarios, SimulationSettings settings, int runs, ulong seed)
    {
        var results = new ScenarioResult[scenarios.Count];
        for (var s = 0; s < scenarios.Count; s++)
        {
            var scenario = scenarios[s];
            var scenarioSeed = Xoshiro256.Derive(seed, (ulong)s);
            var outcomes = new RunOutcome[runs];
            Parallel.For(0, runs, r => outcomes[r] = RolloutSimulator.Run(scenario, settings, Xoshiro256.Derive(scenarioSeed, (ulong)r)));
            results[s] = Summarize(scenario, settings, outcomes);
        }
        return results;
    }

    public static ScenarioResult Summarize(Scenario scenario, SimulationSettings settings, IReadOnlyList<RunOutcome> outcomes)
    {
        double? harmStart = scenario.HarmStartStage is { } stage ? settings.StageStartMinute(stage) : null;
        // Only the detector aimed at a harm is asked to detect it; against any other harm it is in an A/A situation.
        var metricHarm = scenario.Harm == HarmKind.Rate ? harmStart : null;
        var srmHarm = scenario.Harm == HarmKind.SampleRatio ? harmStart : null;
        return new(
            scenario,
            DetectorSummary.From(outcomes.Select(o => o.SequentialMinute).ToList(), metricHarm),
            DetectorSummary.From(outcomes.Select(o => o.NaiveMinute).ToList(), metricHarm),
            DetectorSummary.From(outcomes.Select(o => o.SrmMinute).ToList(), srmHarm));
    }
}
