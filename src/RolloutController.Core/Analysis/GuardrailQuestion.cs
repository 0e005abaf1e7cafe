using RolloutController.Policies;

namespace RolloutController.Analysis;

/// <summary>
/// What one guardrail (or the sample-ratio check) asks the metrics backend in a round: the shape of the answer it needs
/// and the templates to render. The measurer only runs these; <see cref="GuardrailJudgement"/> judges the answers.
/// </summary>
/// <param name="Name">The measurement's name, for logs.</param>
/// <param name="Shape">One value, or labelled series.</param>
/// <param name="Values"><c>query</c>; <c>numerator</c> for a sequential guardrail, <c>exposures</c> for the sample-ratio check.</param>
/// <param name="Denominators"><c>denominator</c> for a sequential guardrail; null otherwise.</param>
/// <param name="ComparesCohorts">True when the answer is read per cohort (flag on and off).</param>
internal sealed record GuardrailQuestion(string Name, ReadingShape Shape, string Values, string? Denominators, bool ComparesCohorts)
{
    public static GuardrailQuestion For(GuardrailSpec g) => g switch
    {
        { Kind: GuardrailKind.Threshold, IsSegmented: false } => new(g.Name, ReadingShape.Scalar, g.Query, null, false),
        { Kind: GuardrailKind.Sequential } => new(g.Name, ReadingShape.Series, g.Numerator!, g.Denominator!, true),
        _ => new(g.Name, ReadingShape.Series, g.Query, null, g.ComparesCohorts),
    };

    public static GuardrailQuestion For(SampleRatioSpec srm) =>
        new(SampleRatioSpec.MeasurementName, ReadingShape.Series, srm.Exposures, null, true);
}
