using Microsoft.Extensions.DependencyInjection;

namespace RolloutController.TestUtilities.Hosting;

/// <summary>What a <see cref="RunningController"/> runs with. Everything is optional.</summary>
public sealed record ControllerSetup
{
    /// <summary>Policies written into a fresh temporary policy directory (ignored when <see cref="PoliciesDirectory"/> is set).</summary>
    public IReadOnlyList<TestPolicy> Policies { get; init; } = [];

    /// <summary>An existing policy directory to use instead of a temporary one.</summary>
    public string? PoliciesDirectory { get; init; }

    /// <summary>An existing SQLite file to use instead of a fresh one, e.g. another controller's <see cref="RunningController.DatabasePath"/> to run a second replica.</summary>
    public string? DatabasePath { get; init; }

    /// <summary>Prometheus base URL (usually <see cref="GuardrailMetrics.Url"/>). Default: a closed port, so every query fails.</summary>
    public Uri? PrometheusUrl { get; init; }

    /// <summary>Declare <see cref="TestTokens"/> (an operator and a viewer token). Default true.</summary>
    public bool WithTestTokens { get; init; } = true;

    /// <summary>JSON configuration file (what <c>rolloutctl serve --config</c> reads); environment variables and <see cref="Overrides"/> win over it.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Extra configuration, applied last (wins over everything the setup derives).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>Clock of the controller; default the system clock.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Runs after the controller's own registrations, to replace or decorate a service.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }
}
