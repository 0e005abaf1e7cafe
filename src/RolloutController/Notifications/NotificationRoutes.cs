using Microsoft.Extensions.Options;
using RolloutController.Notifications.Alertmanager;
using RolloutController.Notifications.Email;
using RolloutController.Notifications.PagerDuty;
using RolloutController.Notifications.Slack;
using RolloutController.Notifications.Teams;
using RolloutController.Notifications.Webhook;

namespace RolloutController.Notifications;

/// <summary>The configured routes, each resolved to its channels once at startup (options are validated by then).</summary>
internal sealed class NotificationRoutes
{
    public const string HttpClientName = "notifications";

    private readonly Dictionary<string, IReadOnlyList<RoutedChannel>> _routes = new(StringComparer.OrdinalIgnoreCase);

    public NotificationRoutes(IOptions<NotificationOptions> options, IHttpClientFactory httpClients, AlertHistory alertHistory, TimeProvider timeProvider)
    {
        foreach (var (route, channels) in options.Value.Routes)
        {
            _routes[route] = channels
                .Select((c, i) => new RoutedChannel(route, $"{c.Type}[{i}]",
                    Create(c, route, $"{c.Type}[{i}]", options.Value, alertHistory, httpClients, timeProvider)))
                .ToList();
        }
    }

    /// <summary>The channel of <paramref name="route"/> labelled <paramref name="label"/> (<c>webhook[0]</c>), or null.</summary>
    public RoutedChannel? Find(string route, string label) =>
        _routes.GetValueOrDefault(route)?.FirstOrDefault(c => string.Equals(c.Label, label, StringComparison.Ordinal));

    public bool TryResolve(string route, out IReadOnlyList<RoutedChannel> channels)
    {
        channels = _routes.GetValueOrDefault(route) ?? [];
        return _routes.ContainsKey(route);
    }

    private static INotificationChannel Create(NotificationChannelOptions c, string route, string label, NotificationOptions options,
        AlertHistory alertHistory, IHttpClientFactory httpClients, TimeProvider timeProvider)
    {
        if (c.Type == EmailChannel.ChannelType) return new EmailChannel(EmailSettings.Resolve(c, Environment.GetEnvironmentVariable), timeProvider);
        if (c.Type == PagerDutyChannel.ChannelType)
            return new PagerDutyChannel(httpClients.CreateClient(HttpClientName), PagerDutySettings.EventsUrl(c), c.RoutingKey!, c.Timeout, timeProvider);
        var url = new Uri(c.Url!, UriKind.Absolute);
        return c.Type switch
        {
            WebhookChannel.ChannelType => new WebhookChannel(httpClients.CreateClient(HttpClientName), url, c.Secret!, c.Timeout, timeProvider),
            SlackChannel.ChannelType => new SlackChannel(httpClients.CreateClient(HttpClientName), url, c.Timeout, timeProvider),
            AlertmanagerChannel.ChannelType => new AlertmanagerChannel(httpClients.CreateClient(HttpClientName), url, c.Timeout,
                options.Alertmanager.RepostInterval, route, label, alertHistory, timeProvider),
            TeamsChannel.ChannelType => new TeamsChannel(httpClients.CreateClient(HttpClientName), url, c.Timeout, timeProvider),
            _ => throw new InvalidOperationException($"channel type '{c.Type}' passed validation but has no implementation"),
        };
    }
}
