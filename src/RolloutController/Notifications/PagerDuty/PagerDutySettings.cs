namespace RolloutController.Notifications.PagerDuty;

/// <summary>What a <c>pagerduty</c> channel needs besides the common settings: its routing key, and an events URL that may be left out.</summary>
internal static class PagerDutySettings
{
    /// <summary>An Events API v2 integration key is 32 characters; PagerDuty refuses any other length.</summary>
    public const int RoutingKeyLength = 32;

    public static Uri EventsUrl(NotificationChannelOptions channel) =>
        channel.Url is null ? PagerDutyChannel.DefaultEventsUrl : new Uri(channel.Url, UriKind.Absolute);

    /// <summary>Adds every problem of the PagerDuty-only settings; the routing key is a credential and never shown.</summary>
    public static void Validate(string path, NotificationChannelOptions channel, List<string> errors)
    {
        if (string.IsNullOrEmpty(channel.RoutingKey))
            errors.Add($"{path}:RoutingKey is required for pagerduty channels (the {RoutingKeyLength}-character integration key of an Events API v2 integration)");
        else if (channel.RoutingKey.Length != RoutingKeyLength)
            errors.Add($"{path}:RoutingKey must be {RoutingKeyLength} characters (got {channel.RoutingKey.Length}; the value is not shown)");
    }
}
