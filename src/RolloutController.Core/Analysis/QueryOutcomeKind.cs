namespace RolloutController.Analysis;

/// <summary>Every distinct thing a metrics query can come back with. Each is recorded; none is a silent pass.</summary>
internal enum QueryOutcomeKind
{
    /// <summary>Exactly one finite sample.</summary>
    Value,

    /// <summary>The query ran and returned no series.</summary>
    Empty,

    /// <summary>
    /// The one sample was NaN (for example 0/0 when a cohort had no traffic), which is no data, or ±Inf, which is a value
    /// beyond every bound on its side and is judged as one (+Inf breaks a <c>max</c>, -Inf a <c>min</c>).
    /// </summary>
    NotFinite,

    /// <summary>More than one series where the guardrail expects one.</summary>
    MultipleSeries,

    /// <summary>The metrics backend could not be reached, timed out, answered 4xx/5xx or malformed data.</summary>
    Error,
}
