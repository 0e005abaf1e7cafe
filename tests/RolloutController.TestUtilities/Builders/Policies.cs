using RolloutController.Analysis;
using RolloutController.Policies;

namespace RolloutController.TestUtilities.Builders;

/// <summary>Plain policies and measurements for tests of pure code.</summary>
public static class Policies
{
    internal static RolloutPolicy Default(
        string flag = "new-checkout",
        IReadOnlyList<StageSpec>? stages = null,
        IReadOnlyList<GuardrailSpec>? guardrails = null,
        TimeSpan? interval = null,
        int errorLimit = AnalysisSpec.DefaultConsecutiveErrorLimit,
        int noDataLimit = AnalysisSpec.DefaultConsecutiveNoDataLimit,
        IReadOnlyList<string>? notify = null) =>
        new(
            new PolicyMetadata(flag, "team-payments", FlagType.Release, "One-page checkout", new RemovalSpec("at 100% for 7 days", new DateOnly(2026, 12, 15))),
            new FlagSpec(flag),
            stages ?? RolloutPolicy.DefaultStages,
            new AnalysisSpec(interval ?? TimeSpan.FromMinutes(1), guardrails ?? [ErrorRate(), Conversion()], errorLimit, noDataLimit),
            notify ?? ["oncall"],
            $"policies/{flag}.yaml",
            "rev1");

    internal static GuardrailSpec ErrorRate(int failureLimit = 2, NoDataAction onNoData = NoDataAction.Hold) =>
        new("error-rate", "sum(rate(errors{flag=\"{{ flag }}\"}[5m]))", 0.01, null, failureLimit, onNoData);

    internal static GuardrailSpec Conversion(int failureLimit = 2) =>
        new("conversion", "sum(rate(conversions{flag=\"{{ flag }}\"}[30m]))", null, 0.03, failureLimit);

    internal static Measurement Pass(string guardrail, DateTimeOffset at, double value = 0.001) =>
        new(guardrail, Verdict.Pass, value, "max 0.01", "q", "ok", at, DetailsFor(guardrail));

    internal static Measurement Fail(string guardrail, DateTimeOffset at, double value = 0.2) =>
        new(guardrail, Verdict.Fail, value, "max 0.01", "q", $"{value} is above max 0.01", at, DetailsFor(guardrail));

    internal static Measurement Of(string guardrail, Verdict verdict, DateTimeOffset at) =>
        new(guardrail, verdict, null, "max 0.01", "q", verdict.ToString(), at, DetailsFor(guardrail));

    // A measurement named as the sample-ratio check is one: the kind comes from the recorded method.
    private static MeasurementDetails? DetailsFor(string name) =>
        name == SampleRatioSpec.MeasurementName ? new MeasurementDetails(MeasurementDetails.SampleRatio) : null;

    internal static Measurement[] AllPass(RolloutPolicy policy, DateTimeOffset at) =>
        policy.Analysis.Guardrails.Select(g => Pass(g.Name, at)).ToArray();
}
