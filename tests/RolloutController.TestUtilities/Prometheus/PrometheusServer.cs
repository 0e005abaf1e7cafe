using System.Diagnostics;
using System.Text;
using System.Text.Json;
using RolloutController.Metrics.Prometheus;
using RolloutController.TestUtilities.Dependencies;

namespace RolloutController.TestUtilities.Prometheus;

/// <summary>
/// The real <c>prometheus</c> binary on 127.0.0.1 with a temporary config and TSDB, scraping the given targets every
/// second (<see cref="StartAsync"/>), or serving an existing TSDB without scraping (<see cref="StartOnStorageAsync"/>).
/// Ready when <c>/-/ready</c> answers; killed on dispose, and its temporary directory deleted.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);
    private const int StartAttempts = 3;

    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _log;
    private readonly HttpClient _http;

    private PrometheusServer(Process process, string directory, StringBuilder log, Uri baseUri)
    {
        _process = process;
        _directory = directory;
        _log = log;
        BaseUri = baseUri;
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Base address of the HTTP API, e.g. <c>http://127.0.0.1:43127/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>What Prometheus logged so far (for failure messages).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>Starts Prometheus scraping each target URL (scheme, host, port and path are used) every second.</summary>
    public static Task<PrometheusServer> StartAsync(IEnumerable<Uri> targets, CancellationToken cancellationToken = default) =>
        StartWithRetriesAsync(targets.ToList(), storage: null, cancellationToken);

    /// <summary>
    /// Starts Prometheus with no scrape targets on an existing TSDB directory, for example blocks written by
    /// <c>promtool tsdb create-blocks-from</c> (Prometheus loads the blocks it finds there at start). Blocks older than
    /// <paramref name="retention"/> are deleted by Prometheus, so pass one longer than the history's age. The directory
    /// belongs to the caller and is left in place on dispose.
    /// </summary>
    public static Task<PrometheusServer> StartOnStorageAsync(string storageDirectory, TimeSpan retention, CancellationToken cancellationToken = default) =>
        StartWithRetriesAsync([], new Storage(storageDirectory, retention), cancellationToken);

    private static async Task<PrometheusServer> StartWithRetriesAsync(IReadOnlyList<Uri> targets, Storage? storage, CancellationToken cancellationToken)
    {
        var binary = RequiredDependency.Executable("prometheus", "/usr/bin/prometheus");
        Exception? last = null;
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            // The free port can be taken between choosing and binding it; a fresh one usually works.
            try { return await StartOnceAsync(binary, targets, storage, cancellationToken); }
            catch (PrometheusStartException e) { last = e; }
        }
        throw new InvalidOperationException($"prometheus did not start after {StartAttempts} attempts", last);
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
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException) { }
        finally
        {
            _process.Dispose();
            TryDelete(_directory);
        }
    }

    private static async Task<PrometheusServer> StartOnceAsync(string binary, IReadOnlyList<Uri> targets, Storage? storage, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("prometheus-test-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, PrometheusTestConfig.Render(targets), cancellationToken);
        var port = FreePort.Next();
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
                 {
                     $"--config.file={config}",
                     $"--storage.tsdb.path={storage?.Directory ?? Path.Combine(directory, "data")}",
                     $"--web.listen-address=127.0.0.1:{port}",
                     "--log.level=warn",
                 })
            start.ArgumentList.Add(argument);
        if (storage is not null)
            start.ArgumentList.Add($"--storage.tsdb.retention.time={(long)Math.Ceiling(storage.Retention.TotalHours)}h");

        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PrometheusServer(process, directory, log, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
                throw new PrometheusStartException($"prometheus exited with code {_process.ExitCode}:\n{Log}");
            try
            {
                using var response = await _http.GetAsync("-/ready", cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        throw new PrometheusStartException($"prometheus was not ready within {ReadyTimeout}:\n{Log}");
    }

    private static double ParseValue(JsonElement sample) =>
        PrometheusResponseParser.TryParseValue(sample[1].GetString() ?? "", out var value)
            ? value
            : throw new InvalidOperationException($"unparsable sample {sample}");

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
    }

    private static void TryDelete(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private sealed class PrometheusStartException(string message) : Exception(message);

    private sealed record Storage(string Directory, TimeSpan Retention);
}
