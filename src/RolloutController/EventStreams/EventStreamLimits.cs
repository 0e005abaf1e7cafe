namespace RolloutController.EventStreams;

/// <summary>The bounds one event stream keeps to.</summary>
/// <param name="MaxConnections">Connections open at once; one more is answered 503 with <c>Retry-After: 5</c>.</param>
/// <param name="Heartbeat">How often every idle connection gets a comment line (proxies keep it open; a vanished client
/// is noticed).</param>
/// <param name="WriteTimeout">How long one write may wait for the client before the connection is dropped as too slow.</param>
internal sealed record EventStreamLimits(int MaxConnections, TimeSpan Heartbeat, TimeSpan WriteTimeout);
