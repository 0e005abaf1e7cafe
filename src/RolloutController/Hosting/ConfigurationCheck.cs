using Microsoft.Extensions.Options;
using RolloutController.Api;
using RolloutController.Metrics.Prometheus;
using RolloutController.Notifications;
using RolloutController.Policies;
using RolloutController.Store;
using RolloutController.PolicyFiles;

namespace RolloutController.Hosting;

/// <summary>
/// Validates every options section before anything starts, so a bad configuration is reported whole: the host's own
/// start-up validation stops at the first section that fails, because building the hosted services already reads it.
/// </summary>
internal static class ConfigurationCheck
{
    /// <summary>Throws one <see cref="OptionsValidationException"/> whose failures are those of every section, each naming its key.</summary>
    public static void ThrowIfInvalid(IServiceProvider services)
    {
        var failures = new List<string>();
        Check<ControllerOptions>(services, failures);
        Check<StoreOptions>(services, failures);
        Check<PrometheusOptions>(services, failures);
        Check<NotificationOptions>(services, failures);
        Check<ApiOptions>(services, failures);
        Check<PolicyWatcherOptions>(services, failures);
        Check<Scheduling.RoundOptions>(services, failures);
        Check<Calendar.ReleaseCalendarOptions>(services, failures);
        Check<Ofrep.OfrepEventStreamOptions>(services, failures);
        Check<Flags.Platforms.FlagPlatformOptions>(services, failures);
        if (failures.Count > 0) throw new OptionsValidationException(ControllerOptions.Section, typeof(ControllerOptions), failures);
    }

    private static void Check<T>(IServiceProvider services, List<string> failures) where T : class
    {
        try
        {
            _ = services.GetRequiredService<IOptions<T>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            failures.AddRange(ex.Failures);
        }
        catch (InvalidOperationException ex)
        {
            // A value the binder cannot convert, e.g. "Failed to convert configuration value at '...:Timeout' to type 'System.TimeSpan'".
            failures.Add(ex.Message);
        }
    }
}
