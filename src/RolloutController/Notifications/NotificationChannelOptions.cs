namespace RolloutController.Notifications;

/// <summary>One channel of a route (<c>RolloutController:Notifications:Routes:{route}:{index}</c>).</summary>
internal sealed class NotificationChannelOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary><c>webhook</c> or <c>slack</c>. Anything else is a validation error.</summary>
    public string? Type { get; set; }

    /// <summary>Absolute http(s) URL the notification is POSTed to. For Slack, the incoming-webhook URL (a credential).</summary>
    public string? Url { get; set; }

    /// <summary>HMAC-SHA256 key for <c>webhook</c> channels; required, at least 16 characters.</summary>
    public string? Secret { get; set; }

    /// <summary>Time allowed for one attempt, connection included. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;
}
