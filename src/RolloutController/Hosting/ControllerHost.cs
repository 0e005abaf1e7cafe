using RolloutController.Audit;
using RolloutController.Lifecycle;
using RolloutController.Api;
using RolloutController.Calendar;
using RolloutController.Dashboard;
using RolloutController.Flags.Builtin;
using RolloutController.Flags.Switches;
using RolloutController.Flags.Platforms;
using RolloutController.Metrics.Prometheus;
using RolloutController.Notifications;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Scheduling;
using RolloutController.Store;
using RolloutController.Telemetry;
using RolloutController.Engine;
using RolloutController.PolicyFiles;

namespace RolloutController.Hosting;

/// <summary>Composes the controller: configuration, every subsystem, Quartz, and the HTTP surface.</summary>
internal static class ControllerHost
{
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Builds the host; nothing runs until it is started.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The configuration is invalid; lists every failure.</exception>
    /// <exception cref="FileNotFoundException">The configuration file does not exist.</exception>
    public static WebApplication Build(ControllerHostSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        // Lowest-priority defaults: per-request framework logs off, so the controller's own decisions stand out.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
                ["Logging:LogLevel:Quartz"] = "Warning",
            },
        });
        if (settings.ConfigFile is { } file)
        {
            if (!File.Exists(file)) throw new FileNotFoundException($"configuration file '{file}' does not exist", file);
            builder.Configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(settings.Overrides);
        builder.WebHost.UseUrls(builder.Configuration["urls"] is { Length: > 0 } urls ? urls : DefaultUrls);

        var services = builder.Services;
        var time = settings.TimeProvider ?? TimeProvider.System;
        services.AddSingleton(time);
        services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));

        var options = builder.Configuration.GetSection(ControllerOptions.Section).Get<ControllerOptions>() ?? new ControllerOptions();
        // Hosted services start in the order registered: the schema (store), the policies, the journal's safety moves
        // (engine), then the rounds and the flag catalog's refresh.
        services.AddControllerTelemetry();
        services.AddRolloutStore(builder.Configuration);
        services.AddPrometheusMetrics(builder.Configuration);
        services.AddNotifications(builder.Configuration);
        services.AddPolicies(options.PoliciesDirectory);
        services.AddApiAccess(builder.Configuration);
        services.AddReleaseCalendar(builder.Configuration);
        services.AddAudit(options.PoliciesDirectory);
        services.AddDashboard();
        services.AddLifecycle();
        services.AddRolloutEngine();
        services.AddRounds(builder.Configuration, time);
        services.AddFlagPlatforms(builder.Configuration);
        services.AddBuiltinFlags();
        services.AddOfrepEventStream(builder.Configuration);
        services.AddKillSwitch();

        settings.ConfigureServices?.Invoke(services);

        var app = builder.Build();
        try
        {
            ConfigurationCheck.ThrowIfInvalid(app.Services);
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }
        // Before the endpoints, so a request to the API is authenticated and authorized before its body is read.
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapControllerMetrics();
        app.MapOfrep();
        app.MapRolloutApi();
        app.MapFlagApi();
        app.MapFlagSetExportApi();
        app.MapNoticeApi();
        app.MapAuditApi();
        app.MapDashboard();
        app.MapReviewApi();
        return app;
    }
}
