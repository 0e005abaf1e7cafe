using RolloutController.Analysis.Statistics;

namespace RolloutController.DecisionHarness;

/// <summary>
/// The scenarios the report covers, at each traffic level: A/A for an error rate (1 %) and a conversion rate (5 %);
/// an error-rate doubling (1 % → 2 %), a 10 % relative conversion drop (5 % → 4.5 %) and a 5 % sample-ratio skew
/// (served share 1.05 × configured), each starting at every stage that has a baseline.
/// </summary>
internal static class ScenarioCatalog
{
    public const double ErrorRate = 0.01;
    public const double ConversionRate = 0.05;

    public static IReadOnlyList<Scenario> Build(IEnumerable<double> trafficPerMinute, SimulationSettings settings)
    {
        var comparableStages = Enumerable.Range(0, settings.Stages.Count)
            .Where(i => settings.Stages[i].Weight is > 0 and < 100).ToList();
        var list = new List<Scenario>();
        foreach (var traffic in trafficPerMinute)
        {
            list.Add(AaErrors(traffic));
            list.Add(AaConversion(traffic));
            foreach (var stage in comparableStages) list.Add(ErrorDoubling(traffic, stage));
            foreach (var stage in comparableStages) list.Add(ConversionDrop(traffic, stage));
            foreach (var stage in comparableStages) list.Add(SampleRatioSkew(traffic, stage));
        }
        return list;
    }

    public static Scenario AaErrors(double traffic) =>
        new("error rate", HarmKind.None, "A/A 1%", traffic, ErrorRate, ErrorRate, MetricDirection.LowerIsBetter, 1, null);

    public static Scenario AaConversion(double traffic) =>
        new("conversion", HarmKind.None, "A/A 5%", traffic, ConversionRate, ConversionRate, MetricDirection.HigherIsBetter, 1, null);

    public static Scenario ErrorDoubling(double traffic, int stage) =>
        new("error rate", HarmKind.Rate, "1% → 2%", traffic, ErrorRate, 2 * ErrorRate, MetricDirection.LowerIsBetter, 1, stage);

    public static Scenario ConversionDrop(double traffic, int stage) =>
        new("conversion", HarmKind.Rate, "5% → 4.5%", traffic, ConversionRate, 0.9 * ConversionRate, MetricDirection.HigherIsBetter, 1, stage);

    public static Scenario SampleRatioSkew(double traffic, int stage) =>
        new("exposures", HarmKind.SampleRatio, "share ×1.05", traffic, ErrorRate, ErrorRate, MetricDirection.LowerIsBetter, 1.05, stage);
}
