using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.TestUtilities.Processes;

/// <summary>
/// The real controller as a separate process (<c>rolloutctl serve</c>), configured through a JSON file like an operator
/// would. It can be killed (SIGKILL) and started again on the same store to test recovery.
/// </summary>
public sealed class ControllerProcess : IAsyncDisposable
{
    public const string OperatorToken = "e2e-operator-token-0123456789";
    public const string WebhookSecret = "e2e-webhook-secret-0123456789";

    private readonly string _configFile;
    private readonly string _policiesDirectory;
    private readonly Dictionary<string, string> _environment;
    private ChildProcess? _process;

    private ControllerProcess(string configFile, string policiesDirectory, Uri baseUrl, IReadOnlyDictionary<string, string?>? settings)
    {
        _configFile = configFile;
        _policiesDirectory = policiesDirectory;
        // Settings as environment variables, as an operator adds them to the file (they win over it; arrays merge by index).
        _environment = (settings ?? new Dictionary<string, string?>())
            .ToDictionary(kv => kv.Key.Replace(":", "__", StringComparison.Ordinal), kv => kv.Value ?? "");
        BaseUrl = baseUrl;
        Http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(10) };
        Http.DefaultRequestHeaders.Authorization = new("Bearer", OperatorToken);
    }

    public Uri BaseUrl { get; }

    /// <summary>A client for the API and OFREP, carrying the operator token.</summary>
    public HttpClient Http { get; }

    public string Log => _process?.Log ?? "";

    /// <summary>
    /// Writes the configuration (SQLite store in <paramref name="workDirectory"/>, or the PostgreSQL database of
    /// <paramref name="postgresConnectionString"/>; one webhook route "oncall") and starts on <paramref name="port"/> (default: a free one).
    /// <paramref name="settings"/> (configuration keys such as <c>RolloutController:Notifications:Routes:oncall:1:Type</c>)
    /// are added on top, as environment variables.
    /// </summary>
    public static async Task<ControllerProcess> StartAsync(
        string workDirectory, string policiesDirectory, Uri prometheus, Uri webhook, int? port = null, string? postgresConnectionString = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        port ??= FreePort.Next();
        var store = postgresConnectionString is null
            ? new JsonObject { ["Provider"] = "sqlite", ["ConnectionString"] = $"Data Source={Path.Combine(workDirectory, "rollouts.db")}" }
            // Each process's safety journal in its own work directory, never in the working directory the tests share.
            : new JsonObject { ["Provider"] = "postgres", ["ConnectionString"] = postgresConnectionString, ["JournalPath"] = Path.Combine(workDirectory, "rollouts.journal") };
        var config = new JsonObject
        {
            ["RolloutController"] = new JsonObject
            {
                ["Store"] = store,
                ["Prometheus"] = new JsonObject { ["Url"] = prometheus.ToString(), ["Timeout"] = "00:00:02", ["Retries"] = 1, ["RetryDelay"] = "00:00:00.200" },
                ["Notifications"] = new JsonObject
                {
                    ["InitialBackoff"] = "00:00:00.200",
                    ["Routes"] = new JsonObject
                    {
                        ["oncall"] = new JsonArray(new JsonObject { ["Type"] = "webhook", ["Url"] = webhook.ToString(), ["Secret"] = WebhookSecret }),
                    },
                },
                ["Api"] = new JsonObject
                {
                    ["Tokens"] = new JsonArray(new JsonObject { ["Name"] = "e2e-operator", ["Token"] = OperatorToken, ["Roles"] = new JsonArray("operator") }),
                },
            },
        };
        var configFile = Path.Combine(workDirectory, "controller.json");
        await File.WriteAllTextAsync(configFile, config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var controller = new ControllerProcess(configFile, policiesDirectory, new Uri($"http://127.0.0.1:{port}/"), settings);
        await controller.StartAgainAsync();
        return controller;
    }

    /// <summary>Starts the process (again) with the same configuration and store; returns when /readyz answers.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is { HasExited: false }) throw new InvalidOperationException("the controller is still running");
        _process = ChildProcess.StartDotnet(
            RepositoryLayout.BuiltAssembly("RolloutController", "rolloutctl.dll"),
            ["serve", "--config", _configFile, "--policies", _policiesDirectory, "--urls", BaseUrl.ToString().TrimEnd('/')], _environment);
        await HttpWait.UntilReadyAsync(new Uri(BaseUrl, "readyz"), TimeSpan.FromSeconds(60), () => Log);
    }

    /// <summary>
    /// Starts another process with this one's configuration file, policies and store on another port, as a second replica
    /// would be started, and waits for it to exit by itself; its exit code and output. Throws if it is still running after
    /// <paramref name="timeout"/>.
    /// </summary>
    public async Task<(int ExitCode, string Output)> StartAnotherOnTheSameStoreAsync(TimeSpan timeout)
    {
        await using var other = ChildProcess.StartDotnet(
            RepositoryLayout.BuiltAssembly("RolloutController", "rolloutctl.dll"),
            ["serve", "--config", _configFile, "--policies", _policiesDirectory, "--urls", $"http://127.0.0.1:{FreePort.Next()}"], _environment);
        var exitCode = await other.WaitForExitAsync(timeout);
        return (exitCode, other.Log);
    }

    /// <summary>SIGKILL, as in a crash: no graceful shutdown, nothing flushed that was not already committed.</summary>
    public Task KillAsync() => _process?.KillAsync() ?? Task.CompletedTask;

    public async Task<JsonNode> StatusAsync(string flag)
    {
        var node = await Http.GetFromJsonAsync<JsonNode>($"api/v1/rollouts/{flag}");
        return node ?? throw new InvalidOperationException("empty status");
    }

    /// <summary>How many of <paramref name="keys"/> targeting keys OFREP serves the flag "on" to right now.</summary>
    public async Task<int> CountServedOnAsync(string flag, int keys)
    {
        // Several at once: a count should see one stage, and one probe after another can outlast a short hold.
        var on = 0;
        await Parallel.ForAsync(0, keys, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            using var response = await Http.PostAsJsonAsync($"ofrep/v1/evaluate/flags/{flag}", new { context = new { targetingKey = $"probe-{i}" } }, ct);
            var body = await response.Content.ReadFromJsonAsync<JsonNode>(ct);
            if (body?["value"]?.GetValue<bool>() == true) Interlocked.Increment(ref on);
        });
        return on;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (_process is not null) await _process.DisposeAsync();
    }
}
