namespace RolloutController.TestUtilities.Prometheus;

/// <summary>One series of an instant query answered by <see cref="PrometheusServer"/>.</summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Value);
