namespace RolloutController.Analysis.Statistics;

/// <summary>
/// The result of <see cref="ScalarComparator.Compare"/>: a canary value against a baseline value under a limit.
/// </summary>
/// <param name="Outcome">Pass, Fail, MissingCohort (a value is NaN, or both are the same ±∞) or InvalidInput (bad limit).</param>
/// <param name="Baseline">Baseline value as given.</param>
/// <param name="Canary">Canary value as given.</param>
/// <param name="Worsening">How much worse the canary is, in metric units (negative when better).</param>
/// <param name="RelativeWorsening">Worsening / |baseline|; ±∞ or NaN when the baseline is 0, NaN when a value is ±∞.</param>
/// <param name="Allowed">The limit in metric units for this baseline; NaN when a value is ±∞ (the order decides).</param>
/// <param name="Detail">One line a human can act on.</param>
internal sealed record ScalarComparison(
    ComparisonOutcome Outcome,
    double Baseline,
    double Canary,
    double Worsening,
    double RelativeWorsening,
    double Allowed,
    string Detail)
{
    public Verdict Verdict => Outcome.ToVerdict();

    internal static string Format(double value) => GuardrailEvaluator.Format(value);
}
