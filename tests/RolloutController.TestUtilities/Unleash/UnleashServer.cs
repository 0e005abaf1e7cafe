using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using RolloutController.TestUtilities.Dependencies;
using RolloutController.TestUtilities.Postgres;
using RolloutController.TestUtilities.Processes;
using Shouldly;

namespace RolloutController.TestUtilities.Unleash;

/// <summary>
/// The real <c>unleash-server</c> from npm (<c>tests/js/unleash</c>, installed by tests/run.sh) on a database of its own
/// on the test run's PostgreSQL, on 127.0.0.1 on a free port, with an admin token and a client (SDK) token for the
/// <c>development</c> environment. <see cref="StopAsync"/> and <see cref="StartAsync()"/> stop and start it again on the
/// same port and database (a platform outage). Killed and its database dropped on dispose.
/// </summary>
public sealed class UnleashServer : IAsyncDisposable
{
    public const string Environment = "development";
    public const string AdminToken = "*:*.rollout-controller-tests-admin";
    public const string ClientToken = "default:development.rollout-controller-tests-client";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly PostgresServer _postgres;
    private readonly string _database;
    private readonly StringBuilder _log = new();
    private Process? _process;

    private UnleashServer(PostgresServer postgres, string database, int port)
    {
        _postgres = postgres;
        _database = database;
        BaseUri = new Uri($"http://127.0.0.1:{port}/");
        Admin = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", AdminToken);
    }

    public Uri BaseUri { get; }

    /// <summary>An HTTP client carrying the admin token, for setting flags up and changing them "by hand".</summary>
    public HttpClient Admin { get; }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>The folder of the npm packages (unleash-server, unleash-client).</summary>
    public static string PackageFolder => Path.Combine(RepositoryLayout.Root, "tests", "js", "unleash");

    /// <summary>Creates a database on <paramref name="postgres"/> and starts unleash-server on it; waits until it answers.</summary>
    public static async Task<UnleashServer> StartAsync(PostgresServer postgres)
    {
        Directory.Exists(Path.Combine(PackageFolder, "node_modules", "unleash-server")).ShouldBeTrue(
            $"unleash-server is not installed: run 'npm ci' in {PackageFolder} (tests/run.sh does)");
        var database = await postgres.CreateDatabaseAsync("unleash");
        var server = new UnleashServer(postgres, database, Prometheus.FreePort.Next());
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port and database; waits until <c>/health</c> answers.</summary>
    public async Task StartAsync()
    {
        var node = RequiredDependency.Executable("node", "/usr/bin/node", "/usr/local/bin/node");
        var db = new NpgsqlConnectionStringBuilder(_database);
        var url = $"postgres://{Uri.EscapeDataString(db.Username ?? "postgres")}:{Uri.EscapeDataString(db.Password ?? "unused")}@{db.Host}:{db.Port}/{db.Database}";
        var start = new ProcessStartInfo(node, ["unleash-server.js"])
        {
            WorkingDirectory = PackageFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["UNLEASH_DATABASE_URL"] = url;
        start.Environment["UNLEASH_PORT"] = BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["UNLEASH_ADMIN_TOKEN"] = AdminToken;
        start.Environment["UNLEASH_CLIENT_TOKEN"] = ClientToken;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < StartTimeout)
        {
            if (process.HasExited) throw new InvalidOperationException($"unleash-server exited with code {process.ExitCode}:\n{Log}");
            try
            {
                using var health = await http.GetAsync("health");
                if (health.IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"unleash-server did not answer /health within {StartTimeout}:\n{Log}");
    }

    /// <summary>Kills the server (an outage): requests are refused until <see cref="StartAsync()"/>.</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>Creates a release flag in the default project (off in every environment, no strategy).</summary>
    public async Task CreateFlagAsync(string name)
    {
        using var response = await Admin.PostAsJsonAsync("api/admin/projects/default/features", new { name });
        response.IsSuccessStatusCode.ShouldBeTrue($"creating flag {name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>The flag's environment as the Admin API returns it (enabled, strategies).</summary>
    public async Task<JsonObject> EnvironmentAsync(string flag)
    {
        var feature = JsonNode.Parse(await Admin.GetStringAsync($"api/admin/projects/default/features/{flag}"))!;
        return feature["environments"]!.AsArray().Single(e => (string?)e!["name"] == Environment)!.AsObject();
    }

    /// <summary>Sends an Admin API request as a person would ("by hand"); fails on an error status.</summary>
    public async Task SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await Admin.SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Admin.Dispose();
        try
        {
            await _postgres.DropDatabaseAsync(_database);
        }
        catch (NpgsqlException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_log) _log.AppendLine(line);
    }
}
