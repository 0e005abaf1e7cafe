using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RolloutController.Policies;
using RolloutController.Telemetry;
using RolloutController.PolicyFiles;
using RolloutController.IntegrationTests.Policies;

namespace RolloutController.IntegrationTests.PolicyFiles;

/// <summary>The watcher on a real directory: file changes reach the registry; broken edits keep the previous version.</summary>
public sealed class PolicyWatcherTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private readonly string _directory = Directory.CreateTempSubdirectory("policies-watch-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ControllerMetrics _metrics;
    private readonly PolicyRegistry _registry = new(TimeProvider.System);
    private readonly List<string> _reloadResults = [];
    private readonly MeterListener _listener = new();

    public PolicyWatcherTests()
    {
        _metrics = new ControllerMetrics(_services.GetRequiredService<IMeterFactory>());
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument, _metrics.PolicyReloads)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
                if (tag.Key == "result") lock (_reloadResults) _reloadResults.Add((string)tag.Value!);
        });
        _listener.Start();
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        _metrics.Dispose();
        await _services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private string PolicyFile => Path.Combine(_directory, "new-checkout.yaml");

    private static string Example => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "policies", "new-checkout.yaml"));

    private PolicyWatcher Watcher(TimeSpan rescanInterval) => new(
        _registry,
        Options.Create(new PolicyWatcherOptions { Directory = _directory, Debounce = TimeSpan.FromMilliseconds(100), RescanInterval = rescanInterval }),
        _metrics,
        TimeProvider.System,
        NullLogger<PolicyWatcher>.Instance);

    [Fact]
    public async Task Broken_edit_keeps_the_previous_version_and_the_fix_is_applied()
    {
        await File.WriteAllTextAsync(PolicyFile, Example);
        using var watcher = Watcher(rescanInterval: TimeSpan.FromHours(1)); // only file events can trigger reloads here
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            await Eventually(() => _registry.Current.Count == 1, "the initial load");
            var original = _registry.Current.Single();

            await File.WriteAllTextAsync(PolicyFile, Example.Replace("{ weight: 50,  hold: 72h }", "{ weight: 5,  hold: 72h }", StringComparison.Ordinal));
            await Eventually(() => _registry.Errors.ContainsKey(PolicyFile), "the broken edit to be reported");
            _registry.Current.Single().Revision.ShouldBe(original.Revision);
            _registry.Errors[PolicyFile].Single().Path.ShouldBe("spec.stages[2].weight");

            var changed = new TaskCompletionSource();
            _registry.Changed += (_, _) => changed.TrySetResult();
            await File.WriteAllTextAsync(PolicyFile, Example.Replace("hold: 168h", "hold: 14d", StringComparison.Ordinal));
            await changed.Task.WaitAsync(Patience);
            _registry.Errors.ShouldBeEmpty();
            _registry.Current.Single().Stages[^1].Hold.ShouldBe(TimeSpan.FromDays(14));
            await Eventually(() => LastReloadResult() == "ok", "the fixed reload to be counted");
            lock (_reloadResults) _reloadResults.ShouldContain("invalid");
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task New_and_deleted_files_are_picked_up_by_rescans()
    {
        using var watcher = Watcher(rescanInterval: TimeSpan.FromSeconds(1));
        await watcher.StartAsync(CancellationToken.None);
        try
        {
            await Eventually(() => _registry.LastLoadedAt is not null, "the initial load");
            _registry.Current.ShouldBeEmpty();

            var nested = Directory.CreateDirectory(Path.Combine(_directory, "payments")).FullName;
            await File.WriteAllTextAsync(Path.Combine(nested, "new-checkout.yml"), Example);
            await Eventually(() => _registry.Current.Count == 1, "the new file");

            File.Delete(Path.Combine(nested, "new-checkout.yml"));
            await Eventually(() => _registry.Current.Count == 0, "the deletion");
        }
        finally
        {
            await watcher.StopAsync(CancellationToken.None);
        }
    }

    private string? LastReloadResult()
    {
        lock (_reloadResults) return _reloadResults.LastOrDefault();
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = TimeProvider.System.GetTimestamp() + (long)(Patience.TotalSeconds * TimeProvider.System.TimestampFrequency);
        while (!condition())
        {
            if (TimeProvider.System.GetTimestamp() > deadline) throw new TimeoutException($"timed out after {Patience} waiting for {what}");
            await Task.Delay(50);
        }
    }
}
