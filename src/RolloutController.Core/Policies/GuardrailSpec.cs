using RolloutController.Analysis.Statistics;

namespace RolloutController.Policies;

/// <summary>One guardrail: what is measured and what counts as harm. See docs/policies.md.</summary>
/// <param name="Name">Unique within the policy.</param>
/// <param name="Query">PromQL template for <see cref="GuardrailKind.Threshold"/> and <see cref="GuardrailKind.Comparison"/>;
/// empty for <see cref="GuardrailKind.Sequential"/> (see <see cref="Numerator"/>).</param>
/// <param name="Max">Fails when the (canary) value is above it.</param>
/// <param name="Min">Fails when the (canary) value is below it.</param>
/// <param name="FailureLimit">Consecutive failing measurements (per segment) that trip the guardrail. Default 2.</param>
/// <param name="OnNoData">What an empty result means. Default <see cref="NoDataAction.Hold"/>.</param>
internal sealed record GuardrailSpec(
    string Name,
    string Query,
    double? Max,
    double? Min,
    int FailureLimit = GuardrailSpec.DefaultFailureLimit,
    NoDataAction OnNoData = NoDataAction.Hold)
{
    public const int DefaultFailureLimit = 2;

    /// <summary>The empty <see cref="By"/>: the guardrail is evaluated once, over all traffic.</summary>
    public static readonly IReadOnlyList<string> NoSegments = [];

    public GuardrailKind Kind { get; init; } = GuardrailKind.Threshold;

    /// <summary>Tolerated worsening of the canary against the baseline (comparison: required; sequential: default none).</summary>
    public Margin? Margin { get; init; }

    /// <summary>Which way is harm for comparisons. Default lower is better.</summary>
    public MetricDirection Direction { get; init; } = MetricDirection.LowerIsBetter;

    /// <summary>Sequential: event counts per cohort (errors, conversions) since the stage started.</summary>
    public string? Numerator { get; init; }

    /// <summary>Sequential: trial counts per cohort (requests, visits) since the stage started.</summary>
    public string? Denominator { get; init; }

    /// <summary>Sequential: false-rollback budget over the whole rollout, split across stages with a baseline. Default 0.05.</summary>
    public double Alpha { get; init; } = SequentialTestOptions.DefaultAlpha;

    /// <summary>Sequential: trials each cohort needs before a verdict other than inconclusive. Default 100.</summary>
    public long MinSamples { get; init; } = SequentialTestOptions.DefaultMinTrialsPerCohort;

    /// <summary>Prometheus labels whose every value is judged separately (<c>by: [plan]</c>); empty for one overall verdict.</summary>
    public IReadOnlyList<string> By { get; init; } = NoSegments;

    /// <summary>What a breach in one segment does. Default <see cref="SegmentBreachAction.Rollback"/>.</summary>
    public SegmentBreachAction OnSegmentBreach { get; init; } = SegmentBreachAction.Rollback;

    /// <summary>True when the guardrail compares the flag-on cohort with the flag-off cohort.</summary>
    /// <summary>Absolute http(s) URL of what to do when this guardrail trips; null to use the policy's <c>metadata.runbook</c>.</summary>
    public string? Runbook { get; init; }

    public bool ComparesCohorts => Kind is GuardrailKind.Comparison or GuardrailKind.Sequential;

    public bool IsSegmented => By.Count > 0;
}
