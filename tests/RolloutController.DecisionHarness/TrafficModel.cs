namespace RolloutController.DecisionHarness;

/// <summary>
/// One interval's traffic of one cohort. Requests and checkout visits arrive as Poisson processes; each request is a 5xx
/// and each visit converts with the cohort's probability. By Poisson thinning the four counts (errors, other requests,
/// conversions, other visits) are independent Poisson draws.
/// </summary>
internal static class TrafficModel
{
    public static CohortCounters Draw(Xoshiro256 rng, double meanArrivals, double errorRate, double conversionRate)
    {
        var errors = PoissonSampler.Next(rng, meanArrivals * errorRate);
        var requests = errors + PoissonSampler.Next(rng, meanArrivals * (1 - errorRate));
        var conversions = PoissonSampler.Next(rng, meanArrivals * conversionRate);
        var visits = conversions + PoissonSampler.Next(rng, meanArrivals * (1 - conversionRate));
        return new CohortCounters(requests, errors, visits, conversions);
    }
}
