using System.Diagnostics;
using System.Text;

namespace RolloutController.TestUtilities.Processes;

/// <summary>
/// A real server program a test starts (Prometheus, Alertmanager): on 127.0.0.1 on a free port, in a temporary working
/// directory, its output kept for failure messages, ready when a health path answers 2xx. A start that fails (the free
/// port was taken in between) is tried again on a fresh port. Killed on dispose, and its directory deleted.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int StartAttempts = 3;

    private readonly Process _process;
    private readonly StringBuilder _log;

    private ServerProcess(Process process, StringBuilder log, string directory, Uri baseUri)
    {
        _process = process;
        _log = log;
        Directory = directory;
        BaseUri = baseUri;
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:43127/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>The temporary working directory (configuration, data); deleted on dispose.</summary>
    public string Directory { get; }

    /// <summary>What the program wrote so far (for failure messages).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>
    /// Starts <paramref name="binary"/> with the arguments <paramref name="arguments"/> returns for a fresh working
    /// directory and port (it may write configuration files there), and waits until <paramref name="readyPath"/> answers.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string binary,
        Func<string, int, Task<IReadOnlyList<string>>> arguments,
        string readyPath,
        TimeSpan readyTimeout,
        CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(binary);
        Exception? last = null;
        for (var attempt = 1; attempt <= StartAttempts; attempt++)
        {
            var directory = System.IO.Directory.CreateTempSubdirectory($"{name}-test-").FullName;
            var port = Prometheus.FreePort.Next();
            var server = Start(binary, await arguments(directory, port), directory, port);
            try
            {
                await server.WaitUntilReadyAsync(name, readyPath, readyTimeout, cancellationToken);
                return server;
            }
            catch (StartException e)
            {
                last = e;
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
        throw new InvalidOperationException($"{name} did not start after {StartAttempts} attempts", last);
    }

    public async ValueTask DisposeAsync()
    {
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
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static ServerProcess Start(string binary, IReadOnlyList<string> arguments, string directory, int port)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var log = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(process, log, directory, new Uri($"http://127.0.0.1:{port}/"));
    }

    private async Task WaitUntilReadyAsync(string name, string readyPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < timeout)
        {
            if (_process.HasExited)
                throw new StartException($"{name} exited with code {_process.ExitCode}:\n{Log}");
            try
            {
                using var response = await http.GetAsync(readyPath, cancellationToken);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested) { }
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
        throw new StartException($"{name} was not ready within {timeout}:\n{Log}");
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
    }

    private sealed class StartException(string message) : Exception(message);
}
