namespace RolloutController.TestUtilities.Batching;

/// <summary>A guardrail query as the controller would batch it: every variable rendered but <c>{{ flag }}</c>.</summary>
/// <param name="Name">Where it comes from, e.g. <c>checkout-canary/p99-latency/off</c>.</param>
public sealed record GuardrailQuery(string Name, string Query)
{
    public override string ToString() => Name;
}
