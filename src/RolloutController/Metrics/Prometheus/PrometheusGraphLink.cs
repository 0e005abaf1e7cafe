using Microsoft.Extensions.Options;

namespace RolloutController.Metrics.Prometheus;

/// <summary>
/// Links to Prometheus's graph page showing a query's last hour, so on-call can open a guardrail's query. The base is
/// <see cref="PrometheusOptions.ExternalUrl"/>, else <see cref="PrometheusOptions.Url"/>.
/// </summary>
internal sealed class PrometheusGraphLink(IOptions<PrometheusOptions> options) : IQueryLinks
{
    public string GraphLink(string query) => Build(options.Value.ExternalBase, query);

    /// <summary>
    /// <c>{externalBase}/graph?g0.expr={urlencoded expression}&amp;g0.tab=0&amp;g0.range_input=1h</c>. A path in
    /// <paramref name="externalBase"/> (Prometheus behind a route prefix) is kept.
    /// </summary>
    public static string Build(Uri externalBase, string expression)
    {
        var baseText = externalBase.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return $"{baseText}/graph?g0.expr={Uri.EscapeDataString(expression)}&g0.tab=0&g0.range_input=1h";
    }
}
