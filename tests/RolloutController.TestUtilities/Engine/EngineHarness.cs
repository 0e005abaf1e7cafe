using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RolloutController.Flags.Builtin;
using RolloutController.Metrics.Prometheus;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Store.Journal;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Fakes;
using RolloutController.TestUtilities.Time;
using RolloutController.Engine;

namespace RolloutController.TestUtilities.Engine;

/// <summary>
/// A <see cref="RolloutEngine"/> wired to real parts — a SQLite store in a temp file, the real Prometheus client, the
/// built-in flag catalog — with a manual clock and recorded notices, so tests drive rounds with <see cref="RolloutEngine.TickAsync"/>.
/// </summary>
internal sealed class EngineHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _directory;

    private EngineHarness(ServiceProvider services, string directory)
    {
        _services = services;
        _directory = directory;
    }

    public FakeTimeProvider Clock => (FakeTimeProvider)_services.GetRequiredService<TimeProvider>();
    public RolloutEngine Engine => _services.GetRequiredService<RolloutEngine>();
    public IRolloutStore Store => _services.GetRequiredService<IRolloutStore>();
    public BuiltinFlagCatalog Flags => _services.GetRequiredService<BuiltinFlagCatalog>();
    public RecordingNoticePublisher Notices => _services.GetRequiredService<RecordingNoticePublisher>();
    public GuardrailMeasurer Measurer => _services.GetRequiredService<GuardrailMeasurer>();

    /// <summary>Builds the engine against the Prometheus at <paramref name="prometheus"/> (retries off: the manual clock does not move by itself).</summary>
    public static async Task<EngineHarness> StartAsync(Uri prometheus, string? directory = null)
    {
        directory ??= Directory.CreateTempSubdirectory("rollout-engine-").FullName;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RolloutController:Prometheus:Url"] = prometheus.ToString(),
            ["RolloutController:Prometheus:Retries"] = "0",
            ["RolloutController:Prometheus:Timeout"] = "00:00:05",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<TimeProvider>(TestClock.New());
        services.AddControllerTelemetry();
        services.AddPrometheusMetrics(configuration);
        services.AddSingleton<IRolloutStore>(sp => RolloutStoreFactory.Sqlite(
            $"Data Source={Path.Combine(directory, "rollouts.db")}", sp.GetRequiredService<ILoggerFactory>().CreateLogger("store")));
        services.AddBuiltinFlags();
        services.AddSingleton<RecordingNoticePublisher>();
        services.AddSingleton<INoticePublisher>(sp => sp.GetRequiredService<RecordingNoticePublisher>());
        services.AddSingleton(new SafetyJournal(Path.Combine(directory, "rollouts.journal")));
        services.AddRolloutEngine();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IRolloutStore>().MigrateAsync(CancellationToken.None);
        return new EngineHarness(provider, directory);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }
}
