using Microsoft.Extensions.Options;
using RolloutController.Metrics;
using RolloutController.Metrics.Prometheus;

namespace RolloutController.UnitTests.Notifications;

/// <summary>Graph links as the controller makes them, for messages built in tests.</summary>
internal static class TestLinks
{
    /// <summary>Links to the Prometheus whose <c>Prometheus:Url</c> is <paramref name="url"/>, no <c>ExternalUrl</c>.</summary>
    public static IQueryLinks Prometheus(string url, string? externalUrl = null) =>
        new PrometheusGraphLink(Options.Create(new PrometheusOptions { Url = url, ExternalUrl = externalUrl }));
}
