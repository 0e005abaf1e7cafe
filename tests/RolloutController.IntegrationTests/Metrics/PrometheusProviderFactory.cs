using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RolloutController.Metrics;
using RolloutController.Metrics.Prometheus;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Telemetry;

namespace RolloutController.IntegrationTests.Metrics;

/// <summary>Builds the provider the way the host does (configuration section, DI, typed HttpClient).</summary>
internal sealed class PrometheusProviderFactory : IDisposable
{
    private readonly ServiceProvider _services;

    public PrometheusProviderFactory(Uri url, TimeSpan? timeout = null, int retries = 2, TimeSpan? retryDelay = null,
        IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{PrometheusOptions.SectionName}:Url"] = url.ToString(),
            [$"{PrometheusOptions.SectionName}:Timeout"] = (timeout ?? TimeSpan.FromSeconds(10)).ToString(),
            [$"{PrometheusOptions.SectionName}:Retries"] = retries.ToString(),
            [$"{PrometheusOptions.SectionName}:RetryDelay"] = (retryDelay ?? TimeSpan.FromMilliseconds(50)).ToString(),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
            settings[$"{PrometheusOptions.SectionName}:{key}"] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _services = new ServiceCollection()
            .AddLogging()
            .AddControllerTelemetry()
            .AddPrometheusMetrics(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    /// <summary>The budget of a query of a guardrail measured every minute (30 s), more than these tests' retries take.</summary>
    public static readonly QueryBudget Budget = QueryBudget.ForInterval(TimeSpan.FromMinutes(1));

    public IMetricsProvider Provider => _services.GetRequiredService<IMetricsProvider>();

    /// <summary>The controller's own /metrics text, to check query error counters and durations.</summary>
    public string Exposition => MetricsExposition.Collect(_services);

    public void Dispose() => _services.Dispose();
}
