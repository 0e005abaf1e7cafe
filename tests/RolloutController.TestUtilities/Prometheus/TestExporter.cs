using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RolloutController.Telemetry;

namespace RolloutController.TestUtilities.Prometheus;

/// <summary>
/// A tiny app on 127.0.0.1 serving <c>/metrics</c> whose values tests set, so a real Prometheus scrapes controlled
/// series (for example <c>http_requests_total{flag="checkout",variant="on"}</c>).
/// </summary>
public sealed class TestExporter : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, (string Type, SortedDictionary<string, double> Series)> _families = new(StringComparer.Ordinal);

    private TestExporter(WebApplication app, Uri baseUri)
    {
        _app = app;
        MetricsUri = new Uri(baseUri, "metrics");
    }

    public Uri MetricsUri { get; }

    public static async Task<TestExporter> StartAsync()
    {
        TestExporter? exporter = null;
        var (app, baseUri) = await LoopbackWebApp.StartAsync(a => a.MapGet("/metrics", () => Results.Text(exporter!.Render(), PrometheusText.ContentType)));
        return exporter = new TestExporter(app, baseUri);
    }

    public void SetCounter(string name, double value, params (string Name, string Value)[] labels) => Set(name, "counter", value, labels);

    public void SetGauge(string name, double value, params (string Name, string Value)[] labels) => Set(name, "gauge", value, labels);

    /// <summary>Stops exposing one series (Prometheus marks it stale at the next scrape).</summary>
    public void Remove(string name, params (string Name, string Value)[] labels)
    {
        lock (_gate)
            if (_families.TryGetValue(name, out var family)) family.Series.Remove(LabelSet.From(labels).Rendered);
    }

    /// <summary>The current exposition in text format 0.0.4.</summary>
    public string Render()
    {
        var output = new StringBuilder();
        lock (_gate)
        {
            foreach (var (name, (type, series)) in _families)
            {
                PrometheusText.AppendHeader(output, name, type, $"Test series {name}.");
                foreach (var (labels, value) in series) PrometheusText.AppendSample(output, name, labels, value);
            }
        }
        return output.ToString();
    }

    public ValueTask DisposeAsync() => new(LoopbackWebApp.StopAsync(_app));

    private void Set(string name, string type, double value, (string Name, string Value)[] labels)
    {
        lock (_gate)
        {
            if (!_families.TryGetValue(name, out var family))
                _families[name] = family = (type, new SortedDictionary<string, double>(StringComparer.Ordinal));
            else if (family.Type != type)
                throw new InvalidOperationException($"{name} is a {family.Type}, not a {type}");
            family.Series[LabelSet.From(labels).Rendered] = value;
        }
    }
}
