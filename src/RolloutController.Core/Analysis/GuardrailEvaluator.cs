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
            QueryOutcomeKind.Value => Judge(guardrail, query, outcome.Value!.Value, threshold, at),
            QueryOutcomeKind.Empty => NoData(guardrail, query, threshold, outcome.Detail ?? "no series", at),
            QueryOutcomeKind.NotFinite => NoData(guardrail, query, threshold, outcome.Detail ?? "not a finite number", at),
            QueryOutcomeKind.MultipleSeries => new(guardrail.Name, Verdict.Error, null, threshold, query, outcome.Detail ?? "several series", at),
            QueryOutcomeKind.Error => new(guardrail.Name, Verdict.Error, null, threshold, query, outcome.Detail ?? "query failed", at),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome.Kind, "unknown query outcome"),
        };
    }

    /// <summary>"max 0.01", "min 0.03" or "min 0.03, max 0.5".</summary>
    public static string Describe(GuardrailSpec guardrail)
    {
        var parts = new List<string>(2);
        if (guardrail.Min is { } min) parts.Add("min " + Format(min));
        if (guardrail.Max is { } max) parts.Add("max " + Format(max));
        return string.Join(", ", parts);
    }

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static Measurement Judge(GuardrailSpec g, string query, double value, string threshold, DateTimeOffset at)
    {
        if (g.Max is { } max && value > max)
            return new(g.Name, Verdict.Fail, value, threshold, query, $"{Format(value)} is above max {Format(max)}", at);
        if (g.Min is { } min && value < min)
            return new(g.Name, Verdict.Fail, value, threshold, query, $"{Format(value)} is below min {Format(min)}", at);
        return new(g.Name, Verdict.Pass, value, threshold, query, $"{Format(value)} within {threshold}", at);
    }

    // NaN and ±Inf count as "no data" rather than pass or fail: 0/0 is what a ratio gives when the cohort had no traffic.
    // The guardrail's onNoData decides what that means for the rollout.
    private static Measurement NoData(GuardrailSpec g, string query, string threshold, string detail, DateTimeOffset at) =>
        g.OnNoData switch
        {
            NoDataAction.Fail => new(g.Name, Verdict.Fail, null, threshold, query, detail + " (onNoData: fail)", at),
            NoDataAction.Pass => new(g.Name, Verdict.Pass, null, threshold, query, detail + " (onNoData: pass)", at),
            _ => new(g.Name, Verdict.NoData, null, threshold, query, detail, at),
        };
}
