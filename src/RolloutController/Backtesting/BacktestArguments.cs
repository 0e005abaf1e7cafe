namespace RolloutController.Backtesting;

/// <summary>The command line of <c>rolloutctl backtest</c>, as typed.</summary>
/// <param name="PolicyPath">A policy file (or a directory of them, with <paramref name="PolicyName"/>).</param>
/// <param name="From">Start of the replay (ISO 8601, "now" or "now-7d").</param>
/// <param name="To">End of the replay; null means now.</param>
/// <param name="Interval">Time between rounds; null means the policy's analysis interval.</param>
/// <param name="Prometheus">Prometheus base URL; null means the configured one (default http://localhost:9090).</param>
/// <param name="ConfigFile">Optional JSON configuration file, as for <c>serve</c>.</param>
/// <param name="PolicyName">Which policy (metadata.name or flag key) when the path holds several.</param>
/// <param name="Json">Print the report as JSON instead of a table.</param>
internal sealed record BacktestArguments(
    string PolicyPath,
    string From,
    string? To = null,
    string? Interval = null,
    string? Prometheus = null,
    string? ConfigFile = null,
    string? PolicyName = null,
    bool Json = false);
