namespace RolloutController.Hosting;

/// <summary>How to build a controller host: configuration sources plus hooks tests use to swap the clock or a service.</summary>
internal sealed class ControllerHostSettings
{
    /// <summary>Optional JSON configuration file; missing file is an error.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Highest-priority configuration values (command-line options, tests).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Clock for everything; defaults to the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Runs after the default registrations, so tests can replace one.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
