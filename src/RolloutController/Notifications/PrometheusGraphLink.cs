namespace RolloutController.Notifications;

/// <summary>Links to the Prometheus expression browser showing a query's last hour as a graph.</summary>
internal static class PrometheusGraphLink
{
    /// <summary>
    /// <c>{prometheusUrl}/graph?g0.expr={urlencoded query}&amp;g0.tab=0&amp;g0.range_input=1h</c>.
    /// A path in <paramref name="prometheusUrl"/> (Prometheus behind a route prefix) is kept.
    /// </summary>
    public static string For(Uri prometheusUrl, string query)
    {
        var baseUrl = prometheusUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return $"{baseUrl}/graph?g0.expr={Uri.EscapeDataString(query)}&g0.tab=0&g0.range_input=1h";
    }
}
