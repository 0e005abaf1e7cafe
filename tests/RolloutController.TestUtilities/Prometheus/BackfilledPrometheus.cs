using System.Diagnostics;
using RolloutController.TestUtilities.Dependencies;

namespace RolloutController.TestUtilities.Prometheus;

/// <summary>
/// A real Prometheus serving known past history: the history is written as OpenMetrics, turned into TSDB blocks with
/// <c>promtool tsdb create-blocks-from openmetrics</c>, and Prometheus is started on those blocks with no scrape targets.
/// Samples should be older than about two hours so they sit in blocks rather than overlapping the live head.
/// </summary>
public sealed class BackfilledPrometheus : IAsyncDisposable
{
    private static readonly TimeSpan PromtoolTimeout = TimeSpan.FromMinutes(2);

    private readonly string _directory;

    private BackfilledPrometheus(string directory, PrometheusServer server)
    {
        _directory = directory;
        Server = server;
    }

    public PrometheusServer Server { get; }

    public static async Task<BackfilledPrometheus> StartAsync(CounterHistory history, CancellationToken cancellationToken = default)
    {
        var promtool = RequiredDependency.Executable("promtool", "/usr/bin/promtool");
        var directory = Directory.CreateTempSubdirectory("prometheus-history-").FullName;
        try
        {
            var input = Path.Combine(directory, "history.om");
            var data = Path.Combine(directory, "data");
            await File.WriteAllTextAsync(input, history.Render(), cancellationToken);
            await RunAsync(promtool, ["tsdb", "create-blocks-from", "openmetrics", "--quiet", input, data], cancellationToken);
            // Retention counts back from the newest block; a day more than the history's age keeps every block.
            var retention = DateTimeOffset.UtcNow - history.Start + TimeSpan.FromDays(1);
            var server = await PrometheusServer.StartOnStorageAsync(data, retention, cancellationToken);
            return new BackfilledPrometheus(directory, server);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static async Task RunAsync(string binary, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {binary}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(PromtoolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{binary} did not finish within {PromtoolTimeout}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{binary} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
    }
}
