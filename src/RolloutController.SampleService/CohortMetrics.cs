using Prometheus;

namespace RolloutController.SampleService;

/// <summary>
/// Request, latency and checkout counters per flag and variant, served by prometheus-net — the labels the README tells
/// services to add so guardrail queries can compare the flag-on cohort with the flag-off one. A registry of its own, so
/// only these series are served.
/// </summary>
internal sealed class CohortMetrics
{
    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly Counter _checkoutsStarted;
    private readonly Counter _checkoutsCompleted;

    public CohortMetrics()
    {
        var factory = Metrics.WithCustomRegistry(Registry);
        _requests = factory.CreateCounter("http_requests_total", "Requests by flag, variant and status code.", "flag", "variant", "code");
        _duration = factory.CreateHistogram("http_request_duration_seconds", "Request latency by flag and variant.",
            ["flag", "variant"], new HistogramConfiguration { Buckets = [0.05, 0.1, 0.2, 0.4, 0.8, 1.6] });
        _checkoutsStarted = factory.CreateCounter("checkout_started_total", "Checkouts started.", "flag", "variant");
        _checkoutsCompleted = factory.CreateCounter("checkout_completed_total", "Checkouts completed.", "flag", "variant");
    }

    public CollectorRegistry Registry { get; } = Metrics.NewCustomRegistry();

    /// <summary>
    /// Creates every series at zero, as Prometheus recommends: a 5xx counter that does not exist yet makes an error-rate
    /// query return nothing instead of 0.
    /// </summary>
    public void Initialize(string flag)
    {
        foreach (var variant in new[] { "on", "off" })
        {
            foreach (var code in new[] { "200", "500" }) _requests.WithLabels(flag, variant, code);
            _checkoutsStarted.WithLabels(flag, variant);
            _checkoutsCompleted.WithLabels(flag, variant);
        }
    }

    public void Request(string flag, string variant, int code, double seconds)
    {
        _requests.WithLabels(flag, variant, code.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _duration.WithLabels(flag, variant).Observe(seconds);
    }

    public void Checkout(string flag, string variant, bool completed)
    {
        _checkoutsStarted.WithLabels(flag, variant).Inc();
        if (completed) _checkoutsCompleted.WithLabels(flag, variant).Inc();
    }
}
