namespace RolloutController.Policies;

/// <summary>How a guardrail judges its data. See docs/analysis.md for the method behind each.</summary>
internal enum GuardrailKind
{
    /// <summary>Default. One value for the flag-on traffic against an absolute <c>max</c>/<c>min</c>.</summary>
    Threshold,

    /// <summary>The flag-on cohort against the flag-off cohort over the same window, with a relative or absolute limit.</summary>
    Comparison,

    /// <summary>Counts per cohort (numerator/denominator) compared by an always-valid sequential test.</summary>
    Sequential,
}
