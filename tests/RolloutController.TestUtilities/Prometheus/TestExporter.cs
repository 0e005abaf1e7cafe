using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RolloutController.TestUtilities.Prometheus;

/// <summary>
/// A tiny app on 127.0.0.1 serving <c>/metrics</c> whose values tests set, so a real Prometheus scrapes controlled
/// series (for example <c>http_requests_total{flag="checkout",variant="on"}</c>). It writes the text format itself:
/// counters here are set to any value, lower ones included, to play an application that restarted.
/// </summary>
public sealed class TestExporter : IAsyncDisposable
{
    private const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

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
        var (app, baseUri) = await LoopbackWebApp.StartAsync(a => a.MapGet("/metrics", () => Results.Text(exporter!.Render(), ContentType)));
        return exporter = new TestExporter(app, baseUri);
    }

    public void SetCounter(string name, double value, params (string Name, string Value)[] labels) => Set(name, "counter", value, labels);

    public void SetGauge(string name, double value, params (string Name, string Value)[] labels) => Set(name, "gauge", value, labels);

    /// <summary>Stops exposing one series (Prometheus marks it stale at the next scrape).</summary>
    public void Remove(string name, params (string Name, string Value)[] labels)
    {
        lock (_gate)
            if (_families.TryGetValue(name, out var family)) family.Series.Remove(LabelBlock(labels));
    }

    /// <summary>The current exposition in text format 0.0.4.</summary>
    public string Render()
    {
        var output = new StringBuilder();
        lock (_gate)
        {
            foreach (var (name, (type, series)) in _families)
            {
                output.Append($"# HELP {name} Test series {name}.\n# TYPE {name} {type}\n");
                foreach (var (labels, value) in series)
                    output.Append(name).Append(labels).Append(' ').Append(Format(value)).Append('\n');
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
            family.Series[LabelBlock(labels)] = value;
        }
    }

    /// <summary><c>{a="1",b="2"}</c> with names sorted and values escaped; empty without labels.</summary>
    private static string LabelBlock((string Name, string Value)[] labels) =>
        labels.Length == 0 ? "" : "{" + string.Join(",", labels.OrderBy(l => l.Name, StringComparer.Ordinal)
            .Select(l => $"{l.Name}=\"{l.Value.Replace("\\", @"\\").Replace("\"", "\\\"").Replace("\n", @"\n")}\"")) + "}";

    private static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);
}
