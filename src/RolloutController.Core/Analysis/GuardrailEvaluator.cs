using System.Globalization;
using RolloutController.Policies;

namespace RolloutController.Analysis;

/// <summary>Turns a query outcome into a verdict for a threshold guardrail. Pure.</summary>
internal static class GuardrailEvaluator
{
    public static Measurement Evaluate(GuardrailSpec guardrail, string query, QueryOutcome outcome, DateTimeOffset at)
    {
        var threshold = Describe(guardrail);
        return outcome.Kind switch
        {
            QueryOutcomeKind.Value or QueryOutcomeKind.NotFinite when outcome.Value is { } v && !double.IsNaN(v) =>
                Judge(guardrail, query, v, threshold, at),
            QueryOutcomeKind.Empty => NoData(guardrail, query, threshold, outcome.Detail ?? "no series", at),
            QueryOutcomeKind.NotFinite => NoData(guardrail, query, threshold, outcome.Detail ?? "not a finite number", at),
            QueryOutcomeKind.MultipleSeries => new(guardrail.Name, Verdict.Error, null, threshold, query, outcome.Detail ?? "several series", at),
            QueryOutcomeKind.Error => new(guardrail.Name, Verdict.Error, null, threshold, query, outcome.Detail ?? "query failed", at),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Kind, "unknown query outcome"),
        };
    }

    /// <summary>
    /// The bound as people read it: "max 0.01", "min 0.03, max 0.5"; "at most 20% above baseline" for a comparison;
    /// "no increase over baseline (sequential, α 0.05)" for a sequential test.
    /// </summary>
    public static string Describe(GuardrailSpec guardrail)
    {
        var parts = new List<string>(3);
        if (guardrail.ComparesCohorts) parts.Add(DescribeMargin(guardrail));
        if (guardrail.Min is { } min) parts.Add("min " + Format(min));
        if (guardrail.Max is { } max) parts.Add("max " + Format(max));
        return string.Join(", ", parts);
    }

    /// <summary>A no-data measurement as the guardrail's <c>onNoData</c> wants it; other verdicts unchanged.</summary>
    public static Measurement ApplyNoData(GuardrailSpec g, Measurement m) =>
        m.Verdict != Verdict.NoData ? m : g.OnNoData switch
        {
            NoDataAction.Fail => m with { Verdict = Verdict.Fail, Detail = m.Detail + " (onNoData: fail)" },
            NoDataAction.Pass => m with { Verdict = Verdict.Pass, Detail = m.Detail + " (onNoData: pass)" },
            _ => m,
        };

    private static string DescribeMargin(GuardrailSpec g)
    {
        var side = g.Direction == Statistics.MetricDirection.HigherIsBetter ? "below" : "above";
        var margin = g.Margin ?? Statistics.Margin.None;
        var text = margin.Value == 0
            ? $"no {(g.Direction == Statistics.MetricDirection.HigherIsBetter ? "decrease below" : "increase over")} baseline"
            : margin.Kind == Statistics.MarginKind.Relative
                ? $"at most {Format(margin.Value * 100)}% {side} baseline"
                : $"at most {Format(margin.Value)} {side} baseline";
        return g.Kind == GuardrailKind.Sequential ? $"{text} (sequential, α {Format(g.Alpha)})" : text;
    }

    /// <summary>Six significant digits; infinities and NaN as Prometheus writes them (<c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>).</summary>
    public static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : double.IsNaN(value) ? "NaN"
        : value.ToString("G6", CultureInfo.InvariantCulture);

    private static Measurement Judge(GuardrailSpec g, string query, double value, string threshold, DateTimeOffset at)
    {
        var (verdict, detail) = AgainstBounds(g, value);
        return new(g.Name, verdict, value, threshold, query, detail, at);
    }

    /// <summary>
    /// The threshold verdict of one value, for a plain threshold guardrail and for each segment of a per-segment one:
    /// fail with the bound it breaks, pass within the bounds. Not for NaN, which the callers read as no data.
    /// </summary>
    public static (Verdict Verdict, string Detail) AgainstBounds(GuardrailSpec g, double value) =>
        BoundProblem(g, value) is { } problem ? (Verdict.Fail, problem) : (Verdict.Pass, $"{Format(value)} within {Describe(g)}");

    /// <summary>Why <paramref name="value"/> breaks the guardrail's <c>max</c>/<c>min</c>; null when within them (or none is set).</summary>
    public static string? BoundProblem(GuardrailSpec g, double value)
    {
        if (g.Max is { } max && value > max) return $"{Format(value)} is above max {Format(max)}";
        if (g.Min is { } min && value < min) return $"{Format(value)} is below min {Format(min)}";
        return null;
    }

    // NaN counts as "no data" rather than pass or fail: 0/0 is what a ratio gives when the cohort had no traffic. The
    // guardrail's onNoData decides what that means for the rollout. ±Inf is not missing data but a value beyond every
    // bound on its side (histogram_quantile(φ > 1, ...), x / 0 with x ≠ 0), so Judge compares it like any other: +Inf
    // breaks a max and -Inf a min. Reading it as no data would let a real breach hold the gate until the no-data pause.
    private static Measurement NoData(GuardrailSpec g, string query, string threshold, string detail, DateTimeOffset at) =>
        ApplyNoData(g, new(g.Name, Verdict.NoData, null, threshold, query, detail, at));
}
