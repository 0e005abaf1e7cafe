using RolloutController.Analysis;
using RolloutController.Policies;
using RolloutController.Store;

namespace RolloutController.Dashboard;

/// <summary>
/// What a guardrail's chart plots, from its stored measurements: the value a threshold judges against its
/// <c>max</c>/<c>min</c>, or, for a guardrail that compares cohorts, the canary's difference from the baseline against
/// the worsening it tolerates. Pure.
/// </summary>
/// <param name="Points">Oldest first; measurements without a number (no data, errors) are counted in <see cref="Missing"/>.</param>
/// <param name="Bound">The bound drawn across the chart; null when the guardrail has none in the plotted unit.</param>
/// <param name="Quantity">What the y axis shows, in words.</param>
internal sealed record GuardrailSeries(
    string Guardrail, IReadOnlyList<ChartPoint> Points, double? Bound, string BoundLabel, string Quantity, int Missing)
{
    public static GuardrailSeries Of(GuardrailSpec guardrail, IReadOnlyList<MeasurementRecord> measurements)
    {
        var own = measurements.Where(m => m.Measurement.Guardrail == guardrail.Name).OrderBy(m => m.Measurement.At).ToList();
        var compares = guardrail.ComparesCohorts;
        var points = new List<ChartPoint>();
        foreach (var record in own)
        {
            var m = record.Measurement;
            var value = compares ? m.Details?.Difference : m.Value;
            if (value is { } v && double.IsFinite(v))
                points.Add(new ChartPoint(m.At, v, m.Verdict.ToString().ToLowerInvariant(), m.Segment));
        }
        var bound = compares ? CohortBound(guardrail, own) : guardrail.Max ?? guardrail.Min;
        var label = compares
            ? bound is null ? "tolerated worsening not measured yet" : $"tolerated worsening {Html.Number(bound.Value)}"
            : guardrail.Max is { } max ? $"max {Html.Number(max)}" : guardrail.Min is { } min ? $"min {Html.Number(min)}" : "no bound";
        var quantity = compares ? "canary − baseline" : "value";
        return new GuardrailSeries(guardrail.Name, points, bound, label, quantity, own.Count - points.Count);
    }

    // The latest tolerated worsening, on the side where harm lies: above zero when lower is better, below when higher is.
    private static double? CohortBound(GuardrailSpec guardrail, IReadOnlyList<MeasurementRecord> own)
    {
        var allowed = own.LastOrDefault(m => m.Measurement.Details?.Allowed is not null)?.Measurement.Details!.Allowed;
        if (allowed is not { } a) return null;
        return guardrail.Direction == Analysis.Statistics.MetricDirection.HigherIsBetter ? -a : a;
    }
}
