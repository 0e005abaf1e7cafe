using System.Diagnostics;
using System.Text.Json;
using RolloutController.Metrics.Prometheus;
using RolloutController.TestUtilities.Dependencies;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.TestUtilities.Prometheus;

/// <summary>
/// The real <c>prometheus</c> binary on 127.0.0.1 with a temporary config and TSDB, scraping the given targets every
/// second (<see cref="StartAsync"/>), or serving an existing TSDB without scraping (<see cref="StartOnStorageAsync"/>).
/// Ready when <c>/-/ready</c> answers; killed on dispose, and its temporary directory deleted (<see cref="ServerProcess"/>).
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly ServerProcess _server;
    private readonly HttpClient _http;

    private PrometheusServer(ServerProcess server)
    {
        _server = server;
        _http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Base address of the HTTP API, e.g. <c>http://127.0.0.1:43127/</c>.</summary>
    public Uri BaseUri => _server.BaseUri;

    /// <summary>What Prometheus logged so far (for failure messages).</summary>
    public string Log => _server.Log;

    /// <summary>Starts Prometheus scraping each target URL (scheme, host, port and path are used) every second.</summary>
    public static Task<PrometheusServer> StartAsync(IEnumerable<Uri> targets, CancellationToken cancellationToken = default) =>
        StartAsync(targets.ToList(), storage: null, cancellationToken);

    /// <summary>
    /// Starts Prometheus with no scrape targets on an existing TSDB directory, for example blocks written by
    /// <c>promtool tsdb create-blocks-from</c> (Prometheus loads the blocks it finds there at start). Blocks older than
    /// <paramref name="retention"/> are deleted by Prometheus, so pass one longer than the history's age. The directory
    /// belongs to the caller and is left in place on dispose.
    /// </summary>
    public static Task<PrometheusServer> StartOnStorageAsync(string storageDirectory, TimeSpan retention, CancellationToken cancellationToken = default) =>
        StartAsync([], new Storage(storageDirectory, retention), cancellationToken);

    private static async Task<PrometheusServer> StartAsync(IReadOnlyList<Uri> targets, Storage? storage, CancellationToken cancellationToken)
    {
        var binary = RequiredDependency.Executable("prometheus", "/usr/bin/prometheus");
        var server = await ServerProcess.StartAsync(binary, async (directory, port) =>
        {
            var config = Path.Combine(directory, "prometheus.yml");
            await File.WriteAllTextAsync(config, PrometheusTestConfig.Render(targets), cancellationToken);
            var arguments = new List<string>
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={storage?.Directory ?? Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            };
            if (storage is not null)
                arguments.Add($"--storage.tsdb.retention.time={(long)Math.Ceiling(storage.Retention.TotalHours)}h");
            return arguments;
        }, "-/ready", ReadyTimeout, cancellationToken);
        return new PrometheusServer(server);
    }

    /// <summary>Evaluates an instant query; vector and scalar results become samples, errors throw.</summary>
    public async Task<IReadOnlyList<PrometheusSample>> QueryAsync(string query, CancellationToken cancellationToken = default)
    {
        using var content = new FormUrlEncodedContent([new("query", query)]);
        using var response = await _http.PostAsync("api/v1/query", content, cancellationToken);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        var root = document.RootElement;
        if (root.GetProperty("status").GetString() != "success")
            throw new InvalidOperationException($"query '{query}' failed: {root.GetProperty("error").GetString()}");
        var data = root.GetProperty("data");
        var result = data.GetProperty("result");
        return data.GetProperty("resultType").GetString() switch
        {
            "scalar" => [new PrometheusSample(new Dictionary<string, string>(), ParseValue(result))],
            "vector" => [.. result.EnumerateArray().Select(s => new PrometheusSample(
                s.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? ""),
                ParseValue(s.GetProperty("value"))))],
            var other => throw new InvalidOperationException($"query '{query}' returned a {other}"),
        };
    }

    /// <summary>Polls the query until <paramref name="predicate"/> holds for its samples; throws after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<PrometheusSample>> WaitForSeriesAsync(
        string query, Func<IReadOnlyList<PrometheusSample>, bool> predicate, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        string last = "no answer yet";
        while (deadline.Elapsed < timeout)
        {
            try
            {
                var samples = await QueryAsync(query);
                if (predicate(samples)) return samples;
                last = samples.Count == 0 ? "empty result"
                    : string.Join("; ", samples.Select(s => $"{{{string.Join(",", s.Labels.Select(l => $"{l.Key}={l.Value}"))}}} {s.Value}"));
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or JsonException or TaskCanceledException)
            {
                last = e.Message;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
        throw new TimeoutException($"'{query}' did not satisfy the condition within {timeout}; last result: {last}\nprometheus log:\n{Log}");
    }

    /// <summary>Waits until every target has been scraped successfully at least once (<c>up == 1</c>).</summary>
    public Task WaitForTargetsUpAsync(int targetCount, TimeSpan timeout) =>
        WaitForSeriesAsync("up == 1", samples => samples.Count >= targetCount, timeout);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static double ParseValue(JsonElement sample) =>
        PrometheusResponseParser.TryParseValue(sample[1].GetString() ?? "", out var value)
            ? value
            : throw new InvalidOperationException($"unparsable sample {sample}");

    private sealed record Storage(string Directory, TimeSpan Retention);
}
