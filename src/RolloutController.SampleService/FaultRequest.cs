namespace RolloutController.SampleService;

/// <summary>Body of POST /fault: the error rate of requests served with the flag on (0–1).</summary>
internal sealed record FaultRequest(double ErrorRate);
