namespace RolloutController.Policies;

/// <summary>How often and against what a rollout is measured.</summary>
/// <param name="Interval">Time between measurements. Default 1 minute, at least 1 second.</param>
/// <param name="Guardrails">At least one.</param>
/// <param name="ConsecutiveErrorLimit">Consecutive measurement rounds with a query error before <see cref="OnErrorLimit"/> is taken. Default 5.</param>
/// <param name="ConsecutiveNoDataLimit">Consecutive rounds with no data before the rollout pauses and on-call is told. Default 15.</param>
internal sealed record AnalysisSpec(
    TimeSpan Interval,
    IReadOnlyList<GuardrailSpec> Guardrails,
    int ConsecutiveErrorLimit = AnalysisSpec.DefaultConsecutiveErrorLimit,
    int ConsecutiveNoDataLimit = AnalysisSpec.DefaultConsecutiveNoDataLimit)
{
    public const int DefaultConsecutiveErrorLimit = 5;
    public const int DefaultConsecutiveNoDataLimit = 15;
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);

    /// <summary>What reaching <see cref="ConsecutiveErrorLimit"/> does. Default <see cref="LimitAction.Pause"/>.</summary>
    public LimitAction OnErrorLimit { get; init; } = LimitAction.Pause;

    /// <summary>Consecutive rounds with an inconclusive guardrail before its action; null (default) holds without limit.</summary>
    public RoundLimit? InconclusiveLimit { get; init; }

    /// <summary>The optional sample-ratio-mismatch check.</summary>
    public SampleRatioSpec? SampleRatio { get; init; }
}
