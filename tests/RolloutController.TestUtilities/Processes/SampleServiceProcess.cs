using System.Net.Http.Json;
using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.TestUtilities.Processes;

/// <summary>
/// The sample service as a process: simulated users ask the controller for the flag over OFREP and it exposes request,
/// latency and checkout metrics labelled by flag and variant. <see cref="InjectErrorsAsync"/> makes flag-on requests fail.
/// </summary>
public sealed class SampleServiceProcess : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly HttpClient _http;

    private SampleServiceProcess(ChildProcess process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public Uri MetricsUrl => new(BaseUrl, "metrics");

    public string Log => _process.Log;

    /// <param name="users">Distinct simulated users (the service's default, 1,000,000, when null).</param>
    public static async Task<SampleServiceProcess> StartAsync(Uri controller, string flag, int requestsPerSecond, int? users = null)
    {
        var port = FreePort.Next();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var process = ChildProcess.StartDotnet(
            RepositoryLayout.BuiltAssembly("RolloutController.SampleService", "RolloutController.SampleService.dll"),
            ["--urls", baseUrl.ToString().TrimEnd('/'), "--ofrep", controller.ToString(), "--flag", flag, "--rps", requestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture),
             // No background errors: at 1% a couple of random 5xx in a 10 s window can trip the threshold guardrail, and the
             // scenarios test the controller's control flow, not threshold statistics at low traffic (docs/analysis.md does).
             "--baseErrorRate", "0",
             .. (users is { } n ? new[] { "--users", n.ToString(System.Globalization.CultureInfo.InvariantCulture) } : [])]);
        var service = new SampleServiceProcess(process, baseUrl);
        await HttpWait.UntilReadyAsync(service.MetricsUrl, TimeSpan.FromSeconds(60), () => process.Log);
        return service;
    }

    /// <summary>From now on this share (0–1) of flag-on requests fails with a 500.</summary>
    public async Task InjectErrorsAsync(double rate)
    {
        using var response = await _http.PostAsJsonAsync("fault", new { errorRate = rate });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The value of one sample of the service's <c>/metrics</c> (name with its labels, as exposed); null when absent.</summary>
    public async Task<double?> MetricAsync(string series)
    {
        var text = await _http.GetStringAsync("metrics");
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? null : double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }
}
