namespace RolloutController.Analysis;

/// <summary>One measurement of one guardrail, with the numbers behind its verdict.</summary>
/// <param name="Guardrail">Guardrail name.</param>
/// <param name="Verdict">Outcome of this measurement.</param>
/// <param name="Value">Observed value, when there was one.</param>
/// <param name="Threshold">Human-readable bound, e.g. "max 0.01".</param>
/// <param name="Query">The PromQL actually sent, variables substituted.</param>
/// <param name="Detail">Why the verdict is what it is.</param>
/// <param name="At">When the measurement was taken.</param>
/// <param name="Details">The numbers behind the verdict (cohorts, estimates, bounds, p-value, segment); null for plain thresholds.</param>
internal sealed record Measurement(
    string Guardrail,
    Verdict Verdict,
    double? Value,
    string Threshold,
    string Query,
    string Detail,
    DateTimeOffset At,
    MeasurementDetails? Details = null)
{
    /// <summary>The segment this measurement judged, null when it covers all traffic.</summary>
    public string? Segment => Details?.Segment;

    /// <summary>
    /// A guardrail's or the sample-ratio check's. Read from the method recorded in <see cref="Details"/>, so it survives
    /// the store; the check's name is reserved (no guardrail may take it), so its streak never mixes with a guardrail's.
    /// </summary>
    public MeasurementKind Kind => Details?.Method switch
    {
        MeasurementDetails.SampleRatio => MeasurementKind.SampleRatio,
        MeasurementDetails.FlagPlatform => MeasurementKind.FlagPlatform,
        _ => MeasurementKind.Guardrail,
    };

    /// <summary>What consecutive failures are counted under: the guardrail, or the guardrail and its segment.</summary>
    public string StreakKey => StreakKeys.For(Guardrail, Segment);
}
