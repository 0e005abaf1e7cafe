namespace RolloutController.Analysis.Statistics;

/// <summary>Maps a comparison outcome onto the guardrail <see cref="Verdict"/> the rollout decider counts.</summary>
internal static class ComparisonOutcomeExtensions
{
    public static Verdict ToVerdict(this ComparisonOutcome outcome) => outcome switch
    {
        ComparisonOutcome.Pass => Verdict.Pass,
        ComparisonOutcome.Fail => Verdict.Fail,
        ComparisonOutcome.NotEnoughData => Verdict.Inconclusive,
        ComparisonOutcome.MissingCohort => Verdict.NoData,
        ComparisonOutcome.InvalidInput => Verdict.Error,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "unknown comparison outcome"),
    };
}
