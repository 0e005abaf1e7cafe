namespace RolloutController.Analysis.Statistics;

/// <summary>
/// Half-widths of the asymptotic confidence sequence (CS) of Waudby-Smith, Arbour, Sinha, Kennedy &amp; Ramdas,
/// "Time-uniform central limit theory and asymptotic confidence sequences" (arXiv 2103.06476, Annals of Statistics 2024),
/// with the Gaussian-mixture boundary and the tuning GrowthBook uses (growthbook/growthbook,
/// packages/stats/gbstats/frequentist/tests.py: <c>sequential_rho</c>, <c>sequential_interval_halfwidth[_one_sided]</c>).
/// <para>
/// For n observations with per-observation variance σ̂² the CS is μ̂ₙ ± wₙ and covers μ at every n simultaneously with
/// probability ≥ 1 − α (asymptotically), so it may be looked at after every new observation without inflating errors:
/// </para>
/// <list type="bullet">
/// <item>two-sided: wₙ = σ̂ · √( 2(nρ²+1)/(n²ρ²) · ln(√(nρ²+1)/α) )</item>
/// <item>one-sided: wₙ = σ̂ · √( 2(nρ²+1)/(n²ρ²) · ln(1 + √(nρ²+1)/(2α)) )</item>
/// <item>ρ = √( (−2 ln a + ln(−2 ln a + 1)) / N* ), a = α two-sided, a = 2α one-sided: the boundary is tightest near n = N*.</item>
/// </list>
/// </summary>
internal static class AsymptoticConfidenceSequence
{
    /// <summary>Default tuning sample size N*, as GrowthBook.</summary>
    public const double DefaultTuningSampleSize = 5000;

    /// <summary>Mixture parameter ρ that makes the boundary tightest at <paramref name="tuningSampleSize"/> observations.</summary>
    public static double Rho(double alpha, double tuningSampleSize, bool oneSided)
    {
        var a = oneSided ? 2 * alpha : alpha;
        var l = -2 * Math.Log(a);
        return Math.Sqrt((l + Math.Log(l + 1)) / tuningSampleSize);
    }

    /// <summary>Two-sided half-width after <paramref name="n"/> observations with per-observation variance <paramref name="variance"/>.</summary>
    public static double TwoSidedHalfWidth(double variance, double n, double alpha, double rho)
    {
        var nr2 = n * rho * rho;
        return Math.Sqrt(variance) * Math.Sqrt(2 * (nr2 + 1) / (nr2 * n) * Math.Log(Math.Sqrt(nr2 + 1) / alpha));
    }

    /// <summary>One-sided half-width: the distance from the estimate to the single finite bound.</summary>
    public static double OneSidedHalfWidth(double variance, double n, double alpha, double rho)
    {
        var nr2 = n * rho * rho;
        return Math.Sqrt(variance * 2 * (nr2 + 1) / (nr2 * n) * Math.Log(1 + Math.Sqrt(nr2 + 1) / (2 * alpha)));
    }
}
