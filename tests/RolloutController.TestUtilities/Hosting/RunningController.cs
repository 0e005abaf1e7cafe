using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RolloutController.Hosting;
using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.TestUtilities.Hosting;

/// <summary>
/// The real controller host (<see cref="ControllerHost.Build"/>) on 127.0.0.1 with a SQLite file and a policy directory
/// in a temporary directory (or given ones, so two controllers can act as replicas). Can be stopped and started again on the same database (and, when still free, the same
/// port). Dispose stops it and deletes the temporary directory.
/// </summary>
public sealed class RunningController : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly ControllerSetup _setup;
    private readonly string _workDirectory;
    private WebApplication? _app;
    private ControllerApiClient? _api;
    private int _port;

    private RunningController(ControllerSetup setup, string workDirectory)
    {
        _setup = setup;
        _workDirectory = workDirectory;
        PoliciesDirectory = setup.PoliciesDirectory ?? Path.Combine(workDirectory, "policies");
        DatabasePath = setup.DatabasePath ?? Path.Combine(workDirectory, "rollouts.db");
        Directory.CreateDirectory(PoliciesDirectory);
        if (setup.PoliciesDirectory is null)
            foreach (var policy in setup.Policies) policy.WriteTo(PoliciesDirectory);
    }

    /// <summary>Directory the controller reads policies from; tests may add, change or delete files in it.</summary>
    public string PoliciesDirectory { get; }

    /// <summary>The SQLite file kept across <see cref="RestartAsync"/>.</summary>
    public string DatabasePath { get; }

    /// <summary>Log lines of every run so far (also shown when waiting for readiness fails).</summary>
    public CapturedLog Log { get; } = new();

    /// <summary>Base address of the running host, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri => new($"http://127.0.0.1:{_port}/");

    /// <summary>Client for the running host (HTTP API, OFREP, health); replaced by every start.</summary>
    public ControllerApiClient Api => _api ?? throw new InvalidOperationException("the controller is not running");

    /// <summary>Plain HTTP client with <see cref="BaseUri"/> as base address.</summary>
    public HttpClient Client => Api.Http;

    /// <summary>Services of the running host.</summary>
    public IServiceProvider Services => (_app ?? throw new InvalidOperationException("the controller is not running")).Services;

    public bool IsRunning => _app is not null;

    // Defaults for tests first, the setup's overrides last.
    private Dictionary<string, string?> Configuration(int port)
    {
        var config = new Dictionary<string, string?>
        {
            ["urls"] = $"http://127.0.0.1:{port}",
            ["RolloutController:PoliciesDirectory"] = PoliciesDirectory,
            ["RolloutController:Store:Provider"] = "sqlite",
            ["RolloutController:Store:ConnectionString"] = $"Data Source={DatabasePath}",
            // Next to the database, also when a test switches the store to PostgreSQL (whose default is the working directory).
            ["RolloutController:Store:JournalPath"] = DatabasePath + ".journal",
            ["RolloutController:Prometheus:Url"] = (_setup.PrometheusUrl ?? StubHttpServer.ClosedPortUri()).ToString(),
            ["RolloutController:Prometheus:Timeout"] = "00:00:05",
            ["RolloutController:Prometheus:Retries"] = "1",
            ["RolloutController:Prometheus:RetryDelay"] = "00:00:00.200",
        };
        if (_setup.WithTestTokens)
            foreach (var (key, value) in TestTokens.Configuration) config[key] = value;
        foreach (var (key, value) in _setup.Overrides) config[key] = value;
        return config;
    }

    /// <summary>Starts a controller; unless told otherwise, returns once <c>/readyz</c> answers 200.</summary>
    public static async Task<RunningController> StartAsync(ControllerSetup setup, bool waitUntilReady = true)
    {
        var controller = new RunningController(setup, Directory.CreateTempSubdirectory("rollout-controller-").FullName);
        try
        {
            await controller.StartHostAsync(port: 0, waitUntilReady);
            return controller;
        }
        catch
        {
            await controller.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the host (graceful, bounded); the database and policies stay.</summary>
    public async Task StopAsync()
    {
        if (_app is not { } app) return;
        _app = null;
        _api?.Dispose();
        _api = null;
        try
        {
            using var timeout = new CancellationTokenSource(StopTimeout);
            await app.StopAsync(timeout.Token);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Stops the host if it runs and starts a new one on the same database, on the same port when it is still free.</summary>
    public async Task RestartAsync(bool waitUntilReady = true)
    {
        await StopAsync();
        try
        {
            await StartHostAsync(_port, waitUntilReady);
        }
        catch (IOException)
        {
            // Another process took the port in between: any free port will do.
            await StartHostAsync(0, waitUntilReady);
        }
    }

    /// <summary>Polls <c>/readyz</c> until it answers 200.</summary>
    public async Task WaitUntilReadyAsync()
    {
        var elapsed = Stopwatch.StartNew();
        var last = "no answer";
        while (elapsed.Elapsed < ReadyTimeout)
        {
            try
            {
                using var response = await Client.GetAsync("readyz");
                if (response.StatusCode == HttpStatusCode.OK) return;
                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
            catch (HttpRequestException e)
            {
                last = e.Message;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
        throw new TimeoutException($"controller not ready within {ReadyTimeout}; /readyz: {last}\nlog:\n{Log}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            try { Directory.Delete(_workDirectory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private async Task StartHostAsync(int port, bool waitUntilReady)
    {
        var app = ControllerHost.Build(new ControllerHostSettings
        {
            ConfigFile = _setup.ConfigFile,
            Overrides = Configuration(port),
            TimeProvider = _setup.TimeProvider,
            ConfigureServices = services =>
            {
                services.AddLogging(logging => logging.ClearProviders().AddProvider(Log));
                _setup.ConfigureServices?.Invoke(services);
            },
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        _app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        _port = new Uri(address).Port;
        _api = new ControllerApiClient(BaseUri);
        if (waitUntilReady) await WaitUntilReadyAsync();
    }
}
