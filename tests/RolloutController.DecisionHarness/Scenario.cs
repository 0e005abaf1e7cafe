using RolloutController.Analysis.Statistics;

namespace RolloutController.DecisionHarness;

/// <summary>One simulated situation, run many times with different seeds.</summary>
/// <param name="Metric">"error rate" or "conversion".</param>
/// <param name="Harm">What goes wrong.</param>
/// <param name="Description">Human-readable harm, e.g. "1% → 2%".</param>
/// <param name="TrafficPerMinute">Mean total requests per minute (both cohorts), Poisson arrivals.</param>
/// <param name="BaseRate">Per-request probability of the event (error, conversion) in the baseline.</param>
/// <param name="HarmedRate">Canary event probability once harmed (= BaseRate unless <see cref="HarmKind.Rate"/>).</param>
/// <param name="Direction">Which way is harm for the metric.</param>
/// <param name="ServedShareFactor">Served canary share = configured × this, once harmed (1.05 for a 5 % skew).</param>
/// <param name="HarmStartStage">Index of the stage where the harm starts; null for A/A.</param>
internal sealed record Scenario(
    string Metric,
    HarmKind Harm,
    string Description,
    double TrafficPerMinute,
    double BaseRate,
    double HarmedRate,
    MetricDirection Direction,
    double ServedShareFactor,
    int? HarmStartStage);
