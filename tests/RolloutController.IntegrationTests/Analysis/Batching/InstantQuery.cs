using System.Globalization;
using RolloutController.Analysis;
using RolloutController.Metrics.Prometheus;

namespace RolloutController.IntegrationTests.Analysis.Batching;

/// <summary>POSTs one query to Prometheus's <c>/api/v1/query</c> at an explicit time and reads the answer as the controller does.</summary>
internal sealed class InstantQuery(Uri prometheus) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = prometheus, Timeout = TimeSpan.FromSeconds(30) };

    public int Count { get; private set; }

    public async Task<VectorOutcome> RunAsync(string query, DateTimeOffset at)
    {
        Count++;
        using var form = new FormUrlEncodedContent([
            new("query", query),
            new("time", at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        ]);
        using var response = await _http.PostAsync("api/v1/query", form);
        return PrometheusResponseParser.Parse(response.StatusCode, await response.Content.ReadAsStringAsync()).Vector;
    }

    public void Dispose() => _http.Dispose();
}
