using System.Globalization;

namespace RolloutController.Analysis.Statistics;

/// <summary>
/// Sample-ratio-mismatch check of the observed on/off exposures against the configured weight. The decision is the
/// anytime-valid Dirichlet–multinomial Bayes-factor test of Lindon &amp; Malek (<see cref="SequentialSampleRatioTest"/>):
/// it runs every interval on the counts since the stage started and still flags a correct split with probability at most
/// alpha over the whole stage, where a fixed-horizon χ² test re-run every round would not. The Pearson χ² statistic and
/// its classical p-value (χ² with 1 degree of freedom, as GrowthBook's <c>check_srm</c>) are kept in the result for
/// on-call reading only. A mismatch means assignment or exposure logging is broken, so no metric comparison between the
/// cohorts can be trusted.
/// </summary>
internal static class SampleRatioCheck
{
    /// <param name="observedOn">Exposures served "on" since the weight was set.</param>
    /// <param name="observedOff">Exposures served "off" since the weight was set.</param>
    /// <param name="expectedOnShare">Configured on-share as a fraction in [0, 1] (stage weight / 100).</param>
    /// <param name="options">Alpha, minimum and concentration; <see cref="SrmOptions.Default"/> when in doubt.</param>
    public static SrmResult Evaluate(long observedOn, long observedOff, double expectedOnShare, SrmOptions options)
    {
        var problems = options.Problems().ToList();
        if (observedOn < 0) problems.Add($"observed on is negative ({observedOn})");
        if (observedOff < 0) problems.Add($"observed off is negative ({observedOff})");
        if (!(expectedOnShare >= 0 && expectedOnShare <= 1))
            problems.Add($"expected on-share must be in [0, 1], got {expectedOnShare}");
        if (problems.Count > 0)
            return new(SrmOutcome.InvalidInput, observedOn, observedOff, double.NaN, double.NaN, double.NaN, double.NaN,
                double.NaN, double.NaN, string.Join("; ", problems));

        var total = (double)observedOn + observedOff;
        var expectedOn = total * expectedOnShare;
        var expectedOff = total - expectedOn;

        // At 0 % or 100 % one arm must be empty; anyone served it is a mismatch however few (its likelihood under H0 is 0).
        if (expectedOnShare is 0 or 1)
        {
            var stray = expectedOnShare == 0 ? observedOn : observedOff;
            return stray > 0
                ? new(SrmOutcome.Mismatch, observedOn, observedOff, expectedOn, expectedOff, double.PositiveInfinity, 0,
                    double.PositiveInfinity, 0, $"{stray} exposures served the arm configured at 0 %")
                : new(SrmOutcome.NotApplicable, observedOn, observedOff, expectedOn, expectedOff, double.NaN, double.NaN,
                    double.NaN, double.NaN, "weight is 0 % or 100 %: no split to check");
        }

        if (expectedOn < options.MinExpectedPerArm || expectedOff < options.MinExpectedPerArm)
            return new(SrmOutcome.NotEnoughData, observedOn, observedOff, expectedOn, expectedOff, double.NaN, double.NaN,
                double.NaN, double.NaN,
                $"need {Format(options.MinExpectedPerArm)} expected exposures per arm; expected on {Format(expectedOn)}, off {Format(expectedOff)}");

        var logBayesFactor = SequentialSampleRatioTest.LogBayesFactor(observedOn, observedOff, expectedOnShare, options.Concentration);
        var p = SequentialSampleRatioTest.PValue(logBayesFactor);
        // BF ≥ 1/alpha, compared in log space so a huge Bayes factor never overflows.
        var mismatch = logBayesFactor >= -Math.Log(options.PValueThreshold);
        var chiSquare = Square(observedOn - expectedOn) / expectedOn + Square(observedOff - expectedOff) / expectedOff;
        var chiSquareP = SpecialFunctions.ChiSquareSurvival(chiSquare, 1);
        var detail =
            $"on {observedOn} / off {observedOff}, expected {Format(expectedOn)} / {Format(expectedOff)} " +
            $"({expectedOnShare.ToString("P3", CultureInfo.InvariantCulture)} on): sequential p {Format(p)} " +
            $"{(mismatch ? "≤" : ">")} {Format(options.PValueThreshold)} (Bayes factor {Format(Math.Exp(logBayesFactor))}); " +
            $"χ² {Format(chiSquare)}, fixed-horizon p {Format(chiSquareP)}";
        return new(mismatch ? SrmOutcome.Mismatch : SrmOutcome.Balanced, observedOn, observedOff, expectedOn, expectedOff,
            chiSquare, chiSquareP, logBayesFactor, p, detail);
    }

    private static double Square(double x) => x * x;

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
