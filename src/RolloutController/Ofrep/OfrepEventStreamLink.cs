namespace RolloutController.Ofrep;

/// <summary>
/// OFREP <c>eventStream</c> (ADR-0008) in a bulk response: where to listen for changes. The endpoint is given as a
/// path (<c>endpoint.requestUri</c>), so the provider joins it to the origin it already reaches the controller at —
/// through a proxy or a port-forward too.
/// </summary>
/// <param name="Type">Always <c>sse</c>.</param>
/// <param name="Endpoint">The stream's path on the provider's OFREP origin.</param>
/// <param name="InactivityDelaySec">Seconds of client inactivity after which the client closes the stream.</param>
internal sealed record OfrepEventStreamLink(string Type, OfrepEventStreamEndpoint Endpoint, int InactivityDelaySec);
