namespace RolloutController.Metrics.Prometheus;

/// <summary>Builds links to Prometheus's graph page, used in notifications so on-call can open the guardrail query.</summary>
internal static class PrometheusGraphLink
{
    /// <summary><c>{externalBase}/graph?g0.expr=...&amp;g0.tab=0&amp;g0.range_input=1h</c>, the expression percent-encoded.</summary>
    public static string Build(Uri externalBase, string expression)
    {
        var baseText = externalBase.ToString().TrimEnd('/');
        return $"{baseText}/graph?g0.expr={Uri.EscapeDataString(expression)}&g0.tab=0&g0.range_input=1h";
    }
}
