namespace RolloutController.Policies;

/// <summary>How often and against what a rollout is measured.</summary>
/// <param name="Interval">Time between measurements. Default 1 minute, at least 10 seconds.</param>
/// <param name="Guardrails">At least one.</param>
/// <param name="ConsecutiveErrorLimit">Consecutive measurement rounds with a query error before the rollout pauses and on-call is told. Default 5.</param>
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
}
