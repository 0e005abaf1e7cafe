namespace RolloutController.Telemetry;

/// <summary>One platform-backed flag as /metrics shows it.</summary>
/// <param name="Status">Lower-case status, e.g. <c>insync</c>, <c>rollbackpending</c>.</param>
/// <param name="ServedWeight">What the platform last read back serves; null before the first read.</param>
internal sealed record PlatformGauge(string Flag, string Provider, string Status, decimal? ServedWeight, bool RollbackPending);
