namespace RolloutController.Policies;

/// <summary>
/// <c>spec.analysis.sampleRatio</c>: checks that the observed on/off exposures match the served weight
/// (an anytime-valid sequential test, see docs/analysis.md). A mismatch holds the rollout and, after <see cref="MismatchLimit"/> rounds, pauses it:
/// bucketing or flag delivery is broken, so no comparison between the cohorts can be trusted.
/// </summary>
/// <param name="Exposures">PromQL template counting exposures per cohort since the stage started: uses <c>{{ window }}</c>
/// and either <c>{{ variant }}</c> or <c>by (variant)</c>.</param>
/// <param name="PValueThreshold">The sequential test's alpha: a mismatch when the Bayes factor reaches 1/alpha (its anytime-valid p below alpha). Default 0.001.</param>
/// <param name="MinCount">Expected exposures each cohort needs before the check says anything. Default 8.</param>
/// <param name="MismatchLimit">Consecutive mismatching rounds before the rollout pauses. Default 3.</param>
internal sealed record SampleRatioSpec(
    string Exposures,
    double PValueThreshold = SampleRatioSpec.DefaultPValueThreshold,
    double MinCount = SampleRatioSpec.DefaultMinCount,
    int MismatchLimit = SampleRatioSpec.DefaultMismatchLimit)
{
    /// <summary>The name its measurements are recorded under; no guardrail may use it.</summary>
    public const string MeasurementName = "sample-ratio";

    public const double DefaultPValueThreshold = 0.001;
    public const double DefaultMinCount = 8;
    public const int DefaultMismatchLimit = 3;
}
