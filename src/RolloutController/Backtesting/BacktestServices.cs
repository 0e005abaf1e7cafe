using Microsoft.Extensions.Options;
using RolloutController.Metrics.Prometheus;
using RolloutController.Rollouts;
using RolloutController.Telemetry;
using RolloutController.Engine;

namespace RolloutController.Backtesting;

/// <summary>
/// Composes what a backtest needs from the controller — the Prometheus provider and the guardrail measurer — from the
/// same configuration sources as <c>rolloutctl serve</c> (JSON file, then environment), with <c>--prometheus</c> on top.
/// Nothing else is registered: a backtest has no store, no flag backend and no notifications.
/// </summary>
internal static class BacktestServices
{
    /// <summary>
    /// Settings in which a backtest differs from the controller, applied first so configuration can override them:
    /// no retries, because a replay takes thousands of rounds and a retried outage would take minutes per round.
    /// </summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        [$"{PrometheusOptions.SectionName}:{nameof(PrometheusOptions.Retries)}"] = "0",
    };

    /// <summary>Builds the services, or lists every configuration problem (missing file, invalid Prometheus options).</summary>
    public static bool TryBuild(string? configFile, string? prometheusUrl, out ServiceProvider services, out IReadOnlyList<string> problems)
    {
        services = null!;
        var builder = new ConfigurationBuilder().AddInMemoryCollection(Defaults);
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                problems = [$"configuration file '{configFile}' does not exist"];
                return false;
            }
            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables();
        if (!string.IsNullOrWhiteSpace(prometheusUrl))
            builder.AddInMemoryCollection(new Dictionary<string, string?> { [$"{PrometheusOptions.SectionName}:{nameof(PrometheusOptions.Url)}"] = prometheusUrl });

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (InvalidDataException e)
        {
            problems = [$"configuration file '{configFile}' is not valid JSON: {e.Message}"];
            return false;
        }

        var provider = new ServiceCollection()
            .AddLogging()
            .AddControllerTelemetry()
            .AddPrometheusMetrics(configuration)
            .AddSingleton<GuardrailMeasurer>()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            _ = provider.GetRequiredService<IOptions<PrometheusOptions>>().Value;
        }
        catch (OptionsValidationException e)
        {
            provider.Dispose();
            problems = e.Failures.ToList();
            return false;
        }
        catch (InvalidOperationException e)
        {
            // A value that cannot be converted to its option's type, e.g. "Retries": "many".
            provider.Dispose();
            problems = [e.Message];
            return false;
        }
        services = provider;
        problems = [];
        return true;
    }
}
