using RolloutController.Policies;

namespace RolloutController.DecisionHarness;

/// <summary>
/// The scenarios the report covers, at each traffic level: A/A (error rate 1 %, conversion 5 %, correct split); an
/// error-rate doubling (1 % → 2 %), a 10 % relative conversion drop (5 % → 4.5 %) and a 5 % sample-ratio skew (served
/// share 1.05 × configured), each starting at every stage that has a baseline.
/// </summary>
internal static class ScenarioCatalog
{
    public static IReadOnlyList<Scenario> Build(IEnumerable<double> trafficPerMinute, IReadOnlyList<StageSpec> stages)
    {
        var comparableStages = Enumerable.Range(0, stages.Count).Where(i => stages[i].Weight is > 0 and < 100).ToList();
        var list = new List<Scenario>();
        foreach (var traffic in trafficPerMinute)
        {
            list.Add(AaTest(traffic));
            foreach (var stage in comparableStages) list.Add(ErrorDoubling(traffic, stage));
            foreach (var stage in comparableStages) list.Add(ConversionDrop(traffic, stage));
            foreach (var stage in comparableStages) list.Add(SampleRatioSkew(traffic, stage));
        }
        return list;
    }

    public static Scenario AaTest(double traffic) => new(HarmKind.None, "A/A", traffic, null);

    public static Scenario ErrorDoubling(double traffic, int stage) => new(HarmKind.ErrorRate, "error rate 1% → 2%", traffic, stage);

    public static Scenario ConversionDrop(double traffic, int stage) => new(HarmKind.Conversion, "conversion 5% → 4.5%", traffic, stage);

    public static Scenario SampleRatioSkew(double traffic, int stage) => new(HarmKind.SampleRatio, "exposures share ×1.05", traffic, stage);
}
