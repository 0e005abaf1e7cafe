namespace RolloutController.Ofrep;

/// <summary>OFREP's event stream (<c>GET /ofrep/v1/events</c>). Bound from <c>RolloutController:Ofrep:EventStream</c>.</summary>
internal sealed class OfrepEventStreamOptions
{
    public const string SectionName = "RolloutController:Ofrep:EventStream";

    /// <summary>Connections open at once on this replica; one more is refused with 503 and <c>Retry-After</c> (the
    /// provider keeps polling or retries). Each costs one feed subscription and an idle socket. Default 20,000; 1 to 1,000,000.</summary>
    public int MaxConnections { get; set; } = 20_000;

    /// <summary>How often an idle connection gets a comment line, so proxies keep it open and a vanished client is
    /// noticed. Default 15 seconds; 1 second to 5 minutes.</summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one write to a client may take before the connection is dropped as too slow (counted
    /// <c>dropped_slow</c>; the client reconnects and refetches). Default 10 seconds; 100 ms to 5 minutes.</summary>
    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Advertised as <c>inactivityDelaySec</c>: a client inactive this long (a hidden browser tab) closes the
    /// stream and refetches when it is active again. Whole seconds, default 120; 1 second to 1 day.</summary>
    public TimeSpan InactivityDelay { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>Sent as the stream's <c>retry:</c> field: how long a client waits before reconnecting after the stream
    /// broke. Default 1 second; 0 to 1 minute.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
}
