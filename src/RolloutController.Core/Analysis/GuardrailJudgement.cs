using RolloutController.Analysis.Cohorts;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Analysis;

/// <summary>
/// The one place a guardrail's query outcomes become its verdicts: live rounds, backtests and the decision harness all
/// call it with what <see cref="GuardrailQuestion"/> asked for. A plain threshold is judged on its one value
/// (<see cref="GuardrailEvaluator"/>); comparison, sequential and per-segment guardrails on their labelled series
/// (<see cref="GuardrailAnalysis"/>), both through the same bound check. Pure; bad answers are verdicts, never exceptions.
/// </summary>
internal static class GuardrailJudgement
{
    /// <summary>One measurement per segment judged (one in all for a guardrail without <c>by</c>).</summary>
    public static IReadOnlyList<Measurement> Judge(
        RolloutPolicy policy, GuardrailSpec guardrail, RolloutState state, GuardrailReadings readings, DateTimeOffset at) =>
        GuardrailQuestion.For(guardrail).Shape == ReadingShape.Scalar
            ? [GuardrailEvaluator.Evaluate(guardrail, readings.Scalar?.Query ?? "",
                readings.Scalar?.Outcome ?? QueryOutcome.Failed("no answer to the guardrail's query"), at)]
            : GuardrailAnalysis.Evaluate(policy, guardrail, state, readings, at);

    /// <summary>The sample-ratio check of the round (<see cref="SampleRatioAnalysis"/>).</summary>
    public static Measurement JudgeSampleRatio(SampleRatioSpec check, RolloutState state, GuardrailReadings readings, DateTimeOffset at) =>
        SampleRatioAnalysis.Evaluate(check, state, readings, at);
}
