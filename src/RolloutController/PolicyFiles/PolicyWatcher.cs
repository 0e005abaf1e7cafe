using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RolloutController.Telemetry;
using RolloutController.Policies;

namespace RolloutController.PolicyFiles;

/// <summary>
/// Keeps <see cref="PolicyRegistry"/> in step with the policy directory: loads at start, reloads after file changes
/// once they have been quiet for <see cref="PolicyWatcherOptions.Debounce"/>, and rescans every
/// <see cref="PolicyWatcherOptions.RescanInterval"/> for changes file watching misses.
/// </summary>
internal sealed class PolicyWatcher(
    PolicyRegistry registry,
    IOptions<PolicyWatcherOptions> options,
    ControllerMetrics metrics,
    TimeProvider timeProvider,
    ILogger<PolicyWatcher> logger) : BackgroundService
{
    // Longest a stream of changes can postpone a reload, in debounce periods.
    private const int MaxDebouncePeriods = 10;

    private readonly PolicyWatcherOptions _options = options.Value;
    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private IReadOnlyDictionary<string, IReadOnlyList<PolicyDiagnostic>> _loggedErrors = new Dictionary<string, IReadOnlyList<PolicyDiagnostic>>();
    private Task<bool>? _pendingSignal;

    /// <summary>Reads the directory and applies it now; also what every scheduled reload does.</summary>
    public PolicyReloadResult ReloadNow()
    {
        var result = registry.Apply(PolicyDirectoryReader.Read(_options.Directory));
        metrics.PolicyReloads.Add(1, new KeyValuePair<string, object?>("result", result.Valid ? "ok" : "invalid"));
        metrics.SetInvalidPolicyFiles(result.InvalidFiles);
        LogOutcome(result);
        return result;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        FileSystemWatcher? watcher = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TryReloadNow();
                if (watcher is null && Directory.Exists(_options.Directory)) watcher = TryWatch();
                if (await WaitForSignalAsync(_options.RescanInterval, stoppingToken)) await DebounceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            watcher?.Dispose();
        }
    }

    /// <summary>
    /// <see cref="ReloadNow"/>, with any failure logged and counted instead of thrown: the policies in force are kept,
    /// and the next change or rescan tries again. A reload must never stop the host, whatever is in the directory.
    /// </summary>
    /// <returns>The result, or null when the reload failed.</returns>
    public PolicyReloadResult? TryReloadNow()
    {
        try
        {
            return ReloadNow();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            metrics.PolicyReloads.Add(1, new KeyValuePair<string, object?>("result", "invalid"));
            PolicyLog.ReloadFailed(logger, e, _options.Directory);
            return null;
        }
    }

    private FileSystemWatcher? TryWatch()
    {
        try
        {
            var watcher = new FileSystemWatcher(_options.Directory)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, _) => Signal();
            watcher.Created += (_, _) => Signal();
            watcher.Deleted += (_, _) => Signal();
            watcher.Renamed += (_, _) => Signal();
            watcher.Error += (_, _) => Signal(); // lost events (buffer overflow): a full reload covers them
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Out of inotify watches, a directory gone in between, an unsupported file system: rescans still run.
            PolicyLog.WatchFailed(logger, e, _options.Directory, _options.RescanInterval);
            return null;
        }
    }

    private void Signal() => _signals.Writer.TryWrite(true);

    // Waits until the changes stop for one debounce period (bounded, so constant writes cannot starve reloads).
    private async Task DebounceAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < MaxDebouncePeriods; i++)
        {
            if (!await WaitForSignalAsync(_options.Debounce, cancellationToken)) return;
        }
    }

    /// <summary>True when a change was signalled within <paramref name="timeout"/> (the signal is consumed).</summary>
    private async Task<bool> WaitForSignalAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        // The pending wait survives a timeout, so no signal is lost between waits.
        _pendingSignal ??= _signals.Reader.WaitToReadAsync(cancellationToken).AsTask();
        using var delayCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, timeProvider, delayCancellation.Token);
        var first = await Task.WhenAny(_pendingSignal, delay);
        await delayCancellation.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        if (first != _pendingSignal) return false;

        _pendingSignal = null;
        while (_signals.Reader.TryRead(out _)) { }
        return true;
    }

    private void LogOutcome(PolicyReloadResult result)
    {
        if (result.Changed) PolicyLog.PoliciesChanged(logger, _options.Directory, result.Policies, result.InvalidFiles);
        else PolicyLog.PoliciesUnchanged(logger, _options.Directory, result.Policies);

        // Each file's problems are logged when they appear or change, not on every rescan.
        var errors = registry.Errors;
        foreach (var (file, diagnostics) in errors)
        {
            if (!_loggedErrors.TryGetValue(file, out var before) || !before.SequenceEqual(diagnostics))
                PolicyLog.PolicyFileInvalid(logger, file, string.Join(Environment.NewLine, diagnostics));
        }
        foreach (var file in _loggedErrors.Keys.Where(f => !errors.ContainsKey(f)))
            PolicyLog.PolicyFileFixed(logger, file);
        _loggedErrors = errors;
    }
}
