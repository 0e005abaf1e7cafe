using RolloutController.Analysis.Statistics;

namespace RolloutController.DecisionHarness;

/// <summary>
/// Exact Poisson variates: multiplication of uniforms for small means, Hörmann's transformed rejection with squeeze
/// (PTRS, "The transformed rejection method for generating Poisson random variables", 1993) for means ≥ 10.
/// </summary>
internal static class PoissonSampler
{
    public static long Next(Xoshiro256 rng, double mean)
    {
        if (!(mean > 0)) return 0;
        return mean < 10 ? Small(rng, mean) : Ptrs(rng, mean);
    }

    private static long Small(Xoshiro256 rng, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = rng.NextDouble();
        long k = 0;
        while (product > limit)
        {
            k++;
            product *= rng.NextDouble();
        }
        return k;
    }

    private static long Ptrs(Xoshiro256 rng, double mean)
    {
        var sqrtMean = Math.Sqrt(mean);
        var logMean = Math.Log(mean);
        var b = 0.931 + 2.53 * sqrtMean;
        var a = -0.059 + 0.02483 * b;
        var logInvAlpha = Math.Log(1.1239 + 1.1328 / (b - 3.4));
        var vr = 0.9277 - 3.6224 / (b - 2);
        while (true)
        {
            var u = rng.NextDouble() - 0.5;
            var v = rng.NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((2 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return (long)k;
            if (k < 0 || (us < 0.013 && v > us)) continue;
            if (Math.Log(v) + logInvAlpha - Math.Log(a / (us * us) + b) <= -mean + k * logMean - SpecialFunctions.LogGamma(k + 1))
                return (long)k;
        }
    }
}
