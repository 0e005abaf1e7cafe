namespace RolloutController.Ofrep;

/// <summary>OFREP <c>eventStream.endpoint</c>: <c>requestUri</c> joined to the provider's OFREP origin.</summary>
internal sealed record OfrepEventStreamEndpoint(string RequestUri);
