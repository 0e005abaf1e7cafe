namespace RolloutController.TestUtilities.Prometheus;

/// <summary>A request <see cref="StubHttpServer"/> received.</summary>
public sealed record StubRequest(string Method, string Path, string Body, IReadOnlyDictionary<string, string> Headers);
