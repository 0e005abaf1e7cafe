using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace RolloutController.SampleService;

/// <summary>
/// Request, latency and checkout counters per flag and variant, in Prometheus text format — the labels the README tells
/// services to add so guardrail queries can compare the flag-on cohort with the flag-off one.
/// </summary>
internal sealed class CohortMetrics
{
    private static readonly double[] Buckets = [0.05, 0.1, 0.2, 0.4, 0.8, 1.6];
    private readonly ConcurrentDictionary<string, long> _counters = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();

    /// <summary>
    /// Creates every series at zero, as Prometheus recommends: a 5xx counter that does not exist yet makes an error-rate
    /// query return nothing instead of 0.
    /// </summary>
    public void Initialize(string flag)
    {
        foreach (var variant in new[] { "on", "off" })
        {
            foreach (var code in new[] { 200, 500 })
                _counters.TryAdd($"http_requests_total{{flag=\"{flag}\",variant=\"{variant}\",code=\"{code}\"}}", 0);
            _counters.TryAdd($"checkout_started_total{{flag=\"{flag}\",variant=\"{variant}\"}}", 0);
            _counters.TryAdd($"checkout_completed_total{{flag=\"{flag}\",variant=\"{variant}\"}}", 0);
        }
    }

    public void Request(string flag, string variant, int code, double seconds)
    {
        Add($"http_requests_total{{flag=\"{flag}\",variant=\"{variant}\",code=\"{code}\"}}");
        foreach (var le in Buckets.Where(b => seconds <= b))
            Add($"http_request_duration_seconds_bucket{{flag=\"{flag}\",variant=\"{variant}\",le=\"{le.ToString(CultureInfo.InvariantCulture)}\"}}");
        Add($"http_request_duration_seconds_bucket{{flag=\"{flag}\",variant=\"{variant}\",le=\"+Inf\"}}");
        Add($"http_request_duration_seconds_count{{flag=\"{flag}\",variant=\"{variant}\"}}");
        _sums.AddOrUpdate($"http_request_duration_seconds_sum{{flag=\"{flag}\",variant=\"{variant}\"}}", seconds, (_, s) => s + seconds);
    }

    public void Checkout(string flag, string variant, bool completed)
    {
        Add($"checkout_started_total{{flag=\"{flag}\",variant=\"{variant}\"}}");
        if (completed) Add($"checkout_completed_total{{flag=\"{flag}\",variant=\"{variant}\"}}");
    }

    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("# TYPE http_requests_total counter\n# TYPE http_request_duration_seconds histogram\n");
        sb.Append("# TYPE checkout_started_total counter\n# TYPE checkout_completed_total counter\n");
        foreach (var (series, value) in _counters.OrderBy(c => c.Key, StringComparer.Ordinal))
            sb.Append(series).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var (series, value) in _sums.OrderBy(c => c.Key, StringComparer.Ordinal))
            sb.Append(series).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
        return sb.ToString();
    }

    private void Add(string series) => _counters.AddOrUpdate(series, 1, (_, v) => v + 1);
}
