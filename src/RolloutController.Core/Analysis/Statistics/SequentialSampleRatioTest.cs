namespace RolloutController.Analysis.Statistics;

/// <summary>
/// The anytime-valid test of a multinomial split of Lindon &amp; Malek, "Anytime-Valid Inference for Multinomial Count
/// Data" (NeurIPS 2022, arXiv:2011.03567; the sequential SRM test of Optimizely's <c>ssrm-test</c>): for expected
/// proportions p and observed counts n, a Dirichlet(α) mixture over the alternative with α_i = k·p_i gives the Bayes factor
/// <code>BF_n = [B(α + n) / B(α)] / ∏ p_i^{n_i}</code>
/// (B the multivariate Beta; the multinomial coefficient cancels). Under H0 (the split is p) BF_n is a nonnegative
/// martingale with BF_0 = 1, so by Ville's inequality P(BF_n ≥ 1/α for some n) ≤ α: rejecting when BF_n ≥ 1/α may be done
/// after every new count without inflating false alarms. min(1, 1/BF_n) is a p-value valid at every n (its running
/// minimum is the anytime-valid p-value of the paper).
/// </summary>
internal static class SequentialSampleRatioTest
{
    /// <summary>
    /// Concentration k of the Dirichlet mixture (α_i = k·p_i). Default 100, the value of Lindon's reference implementation
    /// (gist "Anytime-Valid Multinomial Count Sequential p-Value", <c>dirichlet_alpha = 100 * assignment_probabilities</c>):
    /// the prior is centred on the configured split and wide enough for gross failures. The choice barely moves the
    /// detection of small skews: for a 5 % relative skew at 1 %, 10 % and 50 % on (α = 0.001, counts at their expected
    /// values) k = 1,000 would need 11 %, 11 % and 1 % fewer exposures than k = 100, and k = 10,000 20 %, 11 % fewer and
    /// 50 % more (docs/analysis.md §3).
    /// </summary>
    public const double DefaultConcentration = 100;

    /// <summary>
    /// ln BF_n for a two-arm split: <paramref name="on"/> and <paramref name="off"/> counts against an on-share
    /// <paramref name="onShare"/> in (0, 1), with concentration <paramref name="concentration"/> &gt; 0. 0 with no counts.
    /// NaN for arguments outside those ranges.
    /// </summary>
    public static double LogBayesFactor(long on, long off, double onShare, double concentration = DefaultConcentration)
    {
        if (on < 0 || off < 0 || !(onShare > 0 && onShare < 1) || !(concentration > 0) || !double.IsFinite(concentration))
            return double.NaN;
        var offShare = 1 - onShare;
        var (aOn, aOff) = (concentration * onShare, concentration * offShare);
        // ln B(α + n) − ln B(α) with ln B(a) = Σ ln Γ(a_i) − ln Γ(Σ a_i).
        var logBetaRatio =
            SpecialFunctions.LogGamma(aOn + on) - SpecialFunctions.LogGamma(aOn)
            + SpecialFunctions.LogGamma(aOff + off) - SpecialFunctions.LogGamma(aOff)
            - SpecialFunctions.LogGamma(concentration + on + off) + SpecialFunctions.LogGamma(concentration);
        return logBetaRatio - (on * Math.Log(onShare) + off * Math.Log(offShare));
    }

    /// <summary>min(1, 1/BF_n) from ln BF_n; NaN stays NaN.</summary>
    public static double PValue(double logBayesFactor) =>
        double.IsNaN(logBayesFactor) ? double.NaN : Math.Min(1, Math.Exp(-logBayesFactor));
}
