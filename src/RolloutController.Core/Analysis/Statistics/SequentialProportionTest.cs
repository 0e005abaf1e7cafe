using System.Globalization;

namespace RolloutController.Analysis.Statistics;

/// <summary>
/// Always-valid, one-sided comparison of a canary (treatment) rate against the baseline (control) rate for ratio metrics
/// built from counts. It may be re-run on growing counts at every interval for days: the probability that it ever says
/// <see cref="ComparisonOutcome.Fail"/> while the canary is no worse stays at or below α (asymptotically).
/// <para>
/// Method: the asymptotic confidence sequence of Waudby-Smith et al. (arXiv 2103.06476), as GrowthBook's safe rollouts
/// apply it to an absolute difference against control. With rates p̂ₜ, p̂꜀ on nₜ, n꜀ trials, n = nₜ + n꜀, pooled rate p̄
/// and σ̂² = n · max(p̂ₜ(1−p̂ₜ)/nₜ + p̂꜀(1−p̂꜀)/n꜀, p̄(1−p̄)(1/nₜ + 1/n꜀)) (GrowthBook uses the first term only; the pooled
/// floor keeps small cohorts with zero events from collapsing the interval), the one-sided sequence for Δ = pₜ − p꜀ is
/// [Δ̂ − wₙ, +∞) when lower is better, (−∞, Δ̂ + wₙ] when higher is better, wₙ from
/// <see cref="AsymptoticConfidenceSequence.OneSidedHalfWidth"/>. Harm is established when the whole sequence lies beyond
/// the margin: Δ̂ − wₙ &gt; m (lower is better) or Δ̂ + wₙ &lt; −m (higher is better). A relative margin is
/// m = margin × p̂꜀.
/// </para>
/// </summary>
internal static class SequentialProportionTest
{
    /// <summary>Compares canary against baseline. Pure; never throws: bad input is an outcome.</summary>
    /// <param name="control">Baseline (flag off) counts since the test started; null when the query returned nothing.</param>
    /// <param name="treatment">Canary (flag on) counts since the test started; null when the query returned nothing.</param>
    /// <param name="direction">Which way is harm.</param>
    /// <param name="margin">Tolerated worsening; <see cref="Margin.None"/> for any worsening.</param>
    /// <param name="options">α, N* and the minimum sample; <see cref="SequentialTestOptions.Default"/> when in doubt.</param>
    public static ProportionComparison Compare(
        CohortCounts? control,
        CohortCounts? treatment,
        MetricDirection direction,
        Margin margin,
        SequentialTestOptions options)
    {
        ProportionComparison Without(ComparisonOutcome outcome, string detail) =>
            new(outcome, direction, options.Alpha, control, treatment,
                control?.Rate ?? double.NaN, treatment?.Rate ?? double.NaN, double.NaN,
                double.NaN, double.NaN, double.NaN, double.NaN, detail);

        var problems = options.Problems().ToList();
        if (margin.Problem() is { } marginProblem) problems.Add(marginProblem);
        if (problems.Count > 0)
            return Without(ComparisonOutcome.InvalidInput, string.Join("; ", problems));

        if (control is null || treatment is null)
            return Without(ComparisonOutcome.MissingCohort,
                (control, treatment) switch
                {
                    (null, null) => "no counts for either cohort",
                    (null, _) => "no counts for the baseline cohort",
                    _ => "no counts for the canary cohort",
                });

        var countProblems = new[] { CohortCountsCheck.Problem("baseline", control), CohortCountsCheck.Problem("canary", treatment) }
            .OfType<string>().ToList();
        if (countProblems.Count > 0)
            return Without(ComparisonOutcome.InvalidInput, string.Join("; ", countProblems));

        if (control.Trials < options.MinTrialsPerCohort || treatment.Trials < options.MinTrialsPerCohort)
            return Without(ComparisonOutcome.NotEnoughData,
                $"need {options.MinTrialsPerCohort} trials per cohort; canary has {treatment.Trials}, baseline {control.Trials}");

        return Judge(control, treatment, direction, margin, options);
    }

    private static ProportionComparison Judge(
        CohortCounts control, CohortCounts treatment, MetricDirection direction, Margin margin, SequentialTestOptions options)
    {
        var pc = control.Rate;
        var pt = treatment.Rate;
        var difference = pt - pc;
        var n = (double)control.Trials + treatment.Trials;
        var standardErrorSquared = Math.Max(
            pt * (1 - pt) / treatment.Trials + pc * (1 - pc) / control.Trials,
            PooledVariance(control, treatment) * (1.0 / treatment.Trials + 1.0 / control.Trials));
        var rho = AsymptoticConfidenceSequence.Rho(options.Alpha, options.TuningSampleSize, oneSided: true);
        var halfWidth = AsymptoticConfidenceSequence.OneSidedHalfWidth(standardErrorSquared * n, n, options.Alpha, rho);
        var threshold = margin.InUnitsOf(pc);

        double lower, upper;
        bool harm;
        if (direction == MetricDirection.HigherIsBetter)
        {
            lower = double.NegativeInfinity;
            upper = difference + halfWidth;
            harm = upper < -threshold;
        }
        else
        {
            lower = difference - halfWidth;
            upper = double.PositiveInfinity;
            harm = lower > threshold;
        }

        var outcome = harm ? ComparisonOutcome.Fail : ComparisonOutcome.Pass;
        var detail = Describe(control, treatment, direction, difference, lower, upper, threshold, options.Alpha, harm);
        return new(outcome, direction, options.Alpha, control, treatment, pc, pt, difference, halfWidth, lower, upper, threshold, detail);
    }

    // Why the variance is never below the pooled one: with few trials a cohort often sees no events at all (a 1 % canary
    // of 1,000 requests/min gets ~5 conversions in its first 100 visits), its own p̂(1 − p̂) is then 0 and the unpooled
    // interval collapses onto that one cohort's noise. Under "no difference" the pooled rate is the right variance, and
    // it does not collapse; taking the larger of the two keeps GrowthBook's unpooled width whenever it is wider.
    private static double PooledVariance(CohortCounts control, CohortCounts treatment)
    {
        var pooled = (double)(control.Events + treatment.Events) / (control.Trials + treatment.Trials);
        return pooled * (1 - pooled);
    }

    private static string Describe(
        CohortCounts control, CohortCounts treatment, MetricDirection direction, double difference,
        double lower, double upper, double threshold, double alpha, bool harm)
    {
        var confidence = (1 - alpha).ToString("P1", CultureInfo.InvariantCulture);
        var bound = direction == MetricDirection.HigherIsBetter
            ? $"upper bound {Points(upper)} {(harm ? "<" : "≥")} {Points(-threshold)}"
            : $"lower bound {Points(lower)} {(harm ? ">" : "≤")} {Points(threshold)}";
        return $"canary {Percent(treatment)} vs baseline {Percent(control)}: difference {Points(difference)}, " +
               $"{confidence} one-sided sequence {bound}: {(harm ? "harm established" : "no harm established")}";
    }

    private static string Percent(CohortCounts c) =>
        $"{c.Rate.ToString("P3", CultureInfo.InvariantCulture)} ({c.Events}/{c.Trials})";

    // Percentage points with a sign, e.g. "+0.412 pp".
    private static string Points(double fraction) =>
        (fraction * 100).ToString("+0.###;-0.###;0", CultureInfo.InvariantCulture) + " pp";
}
