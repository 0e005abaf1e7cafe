using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RolloutController.Metrics.Prometheus;
using RolloutController.Notifications;
using RolloutController.Store;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Fakes;

namespace RolloutController.IntegrationTests.Notifications;

/// <summary>The real notification services (as <c>AddNotifications</c> wires them) over an in-memory store, started and stopped by the test.</summary>
internal sealed class DispatcherHost : IAsyncDisposable
{
    private const string Prefix = "RolloutController:Notifications:";

    private readonly ServiceProvider _services;
    private readonly MeterListener _listener = new();

    private DispatcherHost(ServiceProvider services)
    {
        _services = services;
        Dispatcher = services.GetRequiredService<NotificationDispatcher>();
        Digests = services.GetRequiredService<DigestAssembler>();
        // Only this host's meter: other hosts run in parallel in the same process and count their own deliveries.
        var meters = services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ControllerMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters)
                && instrument.Name is "notification_deliveries" or "alertmanager_reposts")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var t = tags.ToArray().ToDictionary(kv => kv.Key, kv => kv.Value?.ToString());
            if (instrument.Name == "alertmanager_reposts") Reposts.Enqueue((t["route"]!, t["outcome"]!, value));
            else Deliveries.Enqueue((t["channel"]!, t["route"]!, t["outcome"]!, value));
        });
        _listener.Start();
    }

    public InMemoryRolloutStore Store => (InMemoryRolloutStore)_services.GetRequiredService<IRolloutStore>();

    public NotificationDispatcher Dispatcher { get; }

    public DigestAssembler Digests { get; }

    /// <summary>The services as wired, for the other notification services (started by the test when it needs them).</summary>
    public IServiceProvider Services => _services;

    /// <summary><c>notification_deliveries</c> measurements: channel, route, outcome, value.</summary>
    public ConcurrentQueue<(string Channel, string Route, string Outcome, long Value)> Deliveries { get; } = new();

    /// <summary><c>alertmanager_reposts</c> measurements: route, outcome, value.</summary>
    public ConcurrentQueue<(string Route, string Outcome, long Value)> Reposts { get; } = new();

    /// <summary>Starts the dispatcher with fast retries (20 ms doubling to 100 ms, 4 attempts) unless <paramref name="settings"/> say otherwise.</summary>
    /// <param name="start">False leaves the background services stopped, so queued notices stay queued.</param>
    /// <param name="store">An earlier host's store, to start again on the same state as a restarted process would; default a new one.</param>
    /// <param name="time">The clock (a FakeTimeProvider to move through digest periods); default the system's.</param>
    public static async Task<DispatcherHost> StartAsync(
        IDictionary<string, string?> settings, bool start = true, InMemoryRolloutStore? store = null, TimeProvider? time = null)
    {
        var all = new Dictionary<string, string?>
        {
            [Prefix + "MaxAttempts"] = "4",
            [Prefix + "InitialBackoff"] = "00:00:00.020",
            [Prefix + "MaxBackoff"] = "00:00:00.100",
        };
        // Keys under RolloutController: (ExternalUrl) are taken as they are; the rest are notification settings.
        foreach (var (key, value) in settings) all[key.StartsWith("RolloutController:", StringComparison.Ordinal) ? key : Prefix + key] = value;
        // Graph links come from the Prometheus section: the address people open, not the one the controller queries.
        all[PrometheusOptions.SectionName + ":Url"] = "http://127.0.0.1:9";
        all[PrometheusOptions.SectionName + ":ExternalUrl"] = "http://prometheus.test:9090";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(all).Build();

        var services = new ServiceCollection()
            .AddLogging(l => l.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton(time ?? TimeProvider.System)
            .AddSingleton<IRolloutStore>(store ?? new InMemoryRolloutStore())
            .AddPrometheusMetrics(configuration)
            .AddNotifications(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var host = new DispatcherHost(services);
        if (start)
        {
            await host.Dispatcher.StartAsync(CancellationToken.None);
            await host.Digests.StartAsync(CancellationToken.None);
        }
        return host;
    }

    /// <summary>Settings for one channel of a route.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Channel(string route, int index, string type, Uri url, string? secret = null)
    {
        var path = $"Routes:{route}:{index}:";
        yield return new(path + "Type", type);
        yield return new(path + "Url", url.ToString());
        if (secret is not null) yield return new(path + "Secret", secret);
        yield return new(path + "Timeout", "00:00:02");
    }

    public async ValueTask DisposeAsync()
    {
        await Digests.StopAsync(CancellationToken.None);
        await Dispatcher.StopAsync(CancellationToken.None);
        _listener.Dispose();
        await _services.DisposeAsync();
    }
}
