using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RolloutController.Flags.Builtin;
using RolloutController.Flags.Platforms;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Fakes;

namespace RolloutController.TestUtilities.Platforms;

/// <summary>
/// <see cref="PlatformSync"/> over one real connection (<c>test-platform</c>), with the notices it sends recorded: tests
/// say what the rollout wants (<see cref="Want"/>) and make the attempts the service would (<see cref="SyncAsync"/>).
/// </summary>
internal sealed class PlatformHarness : IDisposable
{
    public const string Provider = "test-platform";
    public const string TokenVariable = "ROLLOUT_TEST_PLATFORM_TOKEN";

    private readonly ServiceProvider _services;

    public PlatformHarness(string type, Uri url, string token, TimeProvider time, string environment = "development",
        TimeSpan? timeout = null)
        : this(new FlagPlatformConnection
        {
            Type = type, Url = url.ToString(), TokenEnv = TokenVariable, Environment = environment, Timeout = timeout ?? TimeSpan.FromSeconds(5),
        }, time, token)
    {
    }

    /// <summary>Over <paramref name="connection"/> as configured (a platform without a token: flagd's file).</summary>
    public PlatformHarness(FlagPlatformConnection connection, TimeProvider time, string? token = null)
    {
        if (token is not null) Environment.SetEnvironmentVariable(TokenVariable, token);
        var services = new ServiceCollection();
        services.AddHttpClient(PlatformConnections.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan);
        services.AddMetrics();
        var options = new FlagPlatformOptions();
        options.Connections[Provider] = connection;
        _services = services.BuildServiceProvider();
        Metrics = new ControllerMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var connections = new PlatformConnections(Options.Create(options), _services.GetRequiredService<IHttpClientFactory>(), time,
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Settings = options.Connections[Provider];
        Sync = new PlatformSync(connections, Notices, Metrics, time, NullLogger<PlatformSync>.Instance);
        Backend = new PlatformFlagBackend(new BuiltinFlagCatalog(), Sync);
    }

    /// <summary>The engine's flag backend over <see cref="Sync"/>: the built-in catalog, and the platform for the policies on it.</summary>
    internal PlatformFlagBackend Backend { get; }

    public PlatformSync Sync { get; }

    public RecordingNoticePublisher Notices { get; } = new();

    public ControllerMetrics Metrics { get; }

    public FlagPlatformConnection Settings { get; }

    /// <summary>A policy on the harness's connection for <paramref name="flag"/>.</summary>
    public static RolloutPolicy Policy(string flag) =>
        Builders.Policies.Default(flag) with { Flag = new FlagSpec(flag, Provider) };

    public void Want(RolloutPolicy policy, RolloutState state, bool pinned = false) => Sync.Want(policy, state, pinned);

    /// <summary>One attempt for the flag, as the service makes it when due.</summary>
    public Task SyncAsync(string flag) => Sync.SyncAsync(Sync.Find(flag)!, CancellationToken.None);

    public PlatformFlagSync Flag(string flag) => Sync.Find(flag)!;

    public void Dispose()
    {
        Metrics.Dispose();
        _services.Dispose();
    }
}
