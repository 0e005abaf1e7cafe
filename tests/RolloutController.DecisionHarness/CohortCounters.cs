namespace RolloutController.DecisionHarness;

/// <summary>
/// The synthetic counters of one cohort, as a service would export them to Prometheus: requests and 5xx errors
/// (<c>http_requests_total</c>; every request is also one flag evaluation, i.e. one exposure), checkout visits and
/// completed checkouts (<c>checkout_started_total</c>, <c>checkout_completed_total</c>).
/// </summary>
internal readonly record struct CohortCounters(long Requests, long Errors, long Visits, long Conversions)
{
    public static CohortCounters Zero => default;

    public CohortCounters Plus(CohortCounters other) =>
        new(Requests + other.Requests, Errors + other.Errors, Visits + other.Visits, Conversions + other.Conversions);

    public CohortCounters Minus(CohortCounters other) =>
        new(Requests - other.Requests, Errors - other.Errors, Visits - other.Visits, Conversions - other.Conversions);
}
