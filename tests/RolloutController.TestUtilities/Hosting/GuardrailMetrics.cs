using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.TestUtilities.Hosting;

/// <summary>
/// The metrics side of a running controller: a real Prometheus scraping a <see cref="TestExporter"/> that serves the
/// gauge every <see cref="TestPolicy"/> guardrail reads. Healthy by default per flag; tests can make a flag unhealthy.
/// </summary>
public sealed class GuardrailMetrics : IAsyncDisposable
{
    /// <summary>Gauge read by the guardrail of every <see cref="TestPolicy"/>, labelled <c>flag</c>.</summary>
    public const string ErrorRatioMetric = "test_error_ratio";

    /// <summary>The value <see cref="SetHealthy"/> serves: well below the default bound 0.01.</summary>
    public const double HealthyRatio = 0.001;

    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(30);

    private GuardrailMetrics(TestExporter exporter, PrometheusServer prometheus)
    {
        Exporter = exporter;
        Prometheus = prometheus;
    }

    public TestExporter Exporter { get; }

    public PrometheusServer Prometheus { get; }

    /// <summary>Base URL of Prometheus, for <c>RolloutController:Prometheus:Url</c>.</summary>
    public Uri Url => Prometheus.BaseUri;

    public static async Task<GuardrailMetrics> StartAsync()
    {
        var exporter = await TestExporter.StartAsync();
        try
        {
            return new GuardrailMetrics(exporter, await PrometheusServer.StartAsync([exporter.MetricsUri]));
        }
        catch
        {
            await exporter.DisposeAsync();
            throw;
        }
    }

    /// <summary>Serves a healthy error ratio for each flag and waits until Prometheus has scraped it.</summary>
    public Task SetHealthyAsync(params string[] flags) => SetErrorRatioAsync(HealthyRatio, flags);

    /// <summary>Serves <paramref name="ratio"/> for each flag and waits until Prometheus answers with it.</summary>
    public async Task SetErrorRatioAsync(double ratio, params string[] flags)
    {
        foreach (var flag in flags) Exporter.SetGauge(ErrorRatioMetric, ratio, ("flag", flag));
        foreach (var flag in flags)
            await Prometheus.WaitForSeriesAsync($"{ErrorRatioMetric}{{flag=\"{flag}\"}}", s => s.Count == 1 && s[0].Value == ratio, ScrapeWait);
    }

    /// <summary>
    /// Serves healthy values for every policy's flag, then starts a controller with those policies querying this
    /// Prometheus. <paramref name="configure"/> may adjust the setup (overrides, clock, services).
    /// </summary>
    public async Task<RunningController> StartControllerAsync(IReadOnlyList<TestPolicy> policies, Func<ControllerSetup, ControllerSetup>? configure = null)
    {
        await SetHealthyAsync([.. policies.Select(p => p.Flag)]);
        var setup = new ControllerSetup { Policies = policies, PrometheusUrl = Url };
        return await RunningController.StartAsync(configure is null ? setup : configure(setup));
    }

    public async ValueTask DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        await Exporter.DisposeAsync();
    }
}
