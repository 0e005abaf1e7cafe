using Microsoft.Extensions.Options;
using RolloutController.Metrics.Prometheus;
using RolloutController.Notifications.Alertmanager;
using RolloutController.Notifications.Email;
using RolloutController.Notifications.PagerDuty;
using RolloutController.Notifications.Slack;
using RolloutController.Notifications.Teams;
using RolloutController.Notifications.Webhook;

namespace RolloutController.Notifications;

/// <summary>Checks <see cref="NotificationOptions"/> at startup and lists every problem with its key path and bad value.</summary>
internal sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    public const int MinSecretLength = 16;
    public static readonly TimeSpan MinDigestPeriod = TimeSpan.FromMinutes(1);
    public static readonly IReadOnlyList<string> ChannelTypes =
    [
        WebhookChannel.ChannelType, SlackChannel.ChannelType, EmailChannel.ChannelType, AlertmanagerChannel.ChannelType,
        PagerDutyChannel.ChannelType, TeamsChannel.ChannelType,
    ];

    private const string Section = NotificationOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var errors = new List<string>();
        if (options.MaxAttempts < 1)
            errors.Add($"{Section}:MaxAttempts must be at least 1 (got {options.MaxAttempts})");
        if (options.InitialBackoff <= TimeSpan.Zero)
            errors.Add($"{Section}:InitialBackoff must be positive (got {options.InitialBackoff})");
        if (options.MaxBackoff < options.InitialBackoff)
            errors.Add($"{Section}:MaxBackoff must be at least InitialBackoff {options.InitialBackoff} (got {options.MaxBackoff})");
        var longestTimeout = options.Routes.Values.SelectMany(c => c ?? []).Select(c => c.Timeout).DefaultIfEmpty(TimeSpan.Zero).Max();
        if (options.DeliveryLease <= longestTimeout || options.DeliveryLease <= TimeSpan.Zero)
            errors.Add($"{Section}:DeliveryLease must be longer than every channel's Timeout ({longestTimeout}) (got {options.DeliveryLease})");
        if (options.MaxConcurrentDeliveries < 1)
            errors.Add($"{Section}:MaxConcurrentDeliveries must be at least 1 (got {options.MaxConcurrentDeliveries})");
        if (options.PrometheusUrl is not null)
            errors.Add($"{Section}:PrometheusUrl is no longer read (got '{options.PrometheusUrl}'): set {PrometheusOptions.SectionName}:ExternalUrl " +
                "instead; graph links in notifications come from it, else from Prometheus:Url");
        if (options.DashboardUrl is not null && !IsHttpUrl(options.DashboardUrl.Replace(NoticeLinks.FlagPlaceholder, "flag", StringComparison.Ordinal)))
            errors.Add($"{Section}:DashboardUrl must be an absolute http(s) URL, {NoticeLinks.FlagPlaceholder} standing for the flag key (got '{options.DashboardUrl}')");

        if (options.Alertmanager.RepostInterval < AlertmanagerOptions.MinRepostInterval)
            errors.Add($"{Section}:Alertmanager:RepostInterval must be at least {AlertmanagerOptions.MinRepostInterval} (got {options.Alertmanager.RepostInterval})");

        ValidateOwnerRoutes(options, errors);
        foreach (var (route, period) in options.Digests)
        {
            if (!options.Routes.ContainsKey(route))
                errors.Add($"{Section}:Digests:{route} names a route that is not configured under {Section}:Routes");
            if (period < MinDigestPeriod)
                errors.Add($"{Section}:Digests:{route} must be at least {MinDigestPeriod} (got {period})");
        }

        foreach (var (route, channels) in options.Routes)
        {
            if (string.IsNullOrWhiteSpace(route))
                errors.Add($"{Section}:Routes has an empty route name");
            if (channels is null || channels.Count == 0)
                errors.Add($"{Section}:Routes:{route} has no channels; list at least one or remove the route");
            for (var i = 0; i < (channels?.Count ?? 0); i++)
                ValidateChannel($"{Section}:Routes:{route}:{i}", channels![i], errors);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Every route the owner map and its default name must be configured under <c>Routes</c>.</summary>
    private static void ValidateOwnerRoutes(NotificationOptions options, List<string> errors)
    {
        var entries = options.OwnerRoutes.Select(o => ($"{Section}:OwnerRoutes:{o.Key}", o.Key, o.Value ?? new()))
            .Append(($"{Section}:DefaultRoutes", "(default)", options.DefaultRoutes ?? new()));
        var known = options.KnownRouteNames();
        var listed = known.Count == 0 ? "none are configured" : "configured routes: " + string.Join(", ", known.Order(StringComparer.OrdinalIgnoreCase));
        foreach (var (path, owner, routes) in entries)
        {
            if (string.IsNullOrWhiteSpace(owner))
                errors.Add($"{Section}:OwnerRoutes has an empty owner name");
            foreach (var (key, route) in routes.Named().Where(r => !known.Contains(r.Route ?? "")))
                errors.Add($"{path}:{key} names route '{route}', which is not configured under {Section}:Routes; {listed}");
        }
    }

    private static void ValidateChannel(string path, NotificationChannelOptions channel, List<string> errors)
    {
        if (!ChannelTypes.Contains(channel.Type, StringComparer.Ordinal))
            errors.Add($"{path}:Type '{channel.Type}' is not a channel type; use one of: {string.Join(", ", ChannelTypes)}");
        // The URL of a Slack or Teams channel is a credential: say what is wrong with it without echoing it.
        var shownUrl = channel.Type is SlackChannel.ChannelType or TeamsChannel.ChannelType ? "(hidden)" : $"'{channel.Url}'";
        // E-mail has no URL; PagerDuty's events URL is the same for everyone, so it may be left out.
        if (channel.Type == EmailChannel.ChannelType)
            EmailSettings.Validate(path, channel, Environment.GetEnvironmentVariable, errors);
        else if (!IsHttpUrl(channel.Url) && !(channel.Type == PagerDutyChannel.ChannelType && channel.Url is null))
            errors.Add($"{path}:Url must be an absolute http(s) URL (got {shownUrl})");
        if (channel.Timeout <= TimeSpan.Zero)
            errors.Add($"{path}:Timeout must be positive (got {channel.Timeout})");
        if (channel.Type == PagerDutyChannel.ChannelType)
            PagerDutySettings.Validate(path, channel, errors);
        if (channel.Type == WebhookChannel.ChannelType)
        {
            if (string.IsNullOrEmpty(channel.Secret))
                errors.Add($"{path}:Secret is required for webhook channels (HMAC-SHA256 key, at least {MinSecretLength} characters)");
            else if (channel.Secret.Length < MinSecretLength)
                errors.Add($"{path}:Secret must be at least {MinSecretLength} characters (got {channel.Secret.Length})");
        }
    }

    public static bool IsHttpUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
