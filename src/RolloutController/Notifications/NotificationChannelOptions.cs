namespace RolloutController.Notifications;

/// <summary>One channel of a route (<c>RolloutController:Notifications:Routes:{route}:{index}</c>).</summary>
internal sealed class NotificationChannelOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>One of <see cref="NotificationOptionsValidator.ChannelTypes"/>. Anything else is a validation error.</summary>
    public string? Type { get; set; }

    /// <summary>
    /// Absolute http(s) URL the notification is POSTed to. For Slack and Teams, the webhook URL (a credential). Not used by
    /// <c>email</c>. For PagerDuty, optional: default <c>https://events.pagerduty.com/v2/enqueue</c>
    /// (<c>https://events.eu.pagerduty.com/v2/enqueue</c> for EU accounts).
    /// </summary>
    public string? Url { get; set; }

    /// <summary>HMAC-SHA256 key for <c>webhook</c> channels; required, at least 16 characters.</summary>
    public string? Secret { get; set; }

    /// <summary>PagerDuty Events API v2 integration key (32 characters) for <c>pagerduty</c> channels; a credential, never logged.</summary>
    public string? RoutingKey { get; set; }

    /// <summary>Time allowed for one attempt, connection included. Default 10 seconds.</summary>
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary><c>email</c>: the SMTP server's host name or IP address.</summary>
    public string? Host { get; set; }

    /// <summary><c>email</c>: the SMTP port. Default by <see cref="Security"/>: 25 for none, 587 for starttls, 465 for tls.</summary>
    public int? Port { get; set; }

    /// <summary><c>email</c>: <c>none</c>, <c>starttls</c> (required, the default) or <c>tls</c> (TLS from the first byte).</summary>
    public string? Security { get; set; }

    /// <summary><c>email</c>: the sender address (<c>From</c>), e.g. <c>Rollouts &lt;rollouts@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    /// <summary><c>email</c>: recipient addresses, at least one.</summary>
    public List<string> To { get; set; } = [];

    /// <summary><c>email</c>: user name for SMTP AUTH; none when absent (then <see cref="PasswordEnv"/> must be absent too).</summary>
    public string? Username { get; set; }

    /// <summary><c>email</c>: name of the environment variable holding the SMTP password (the password itself is never configured).</summary>
    public string? PasswordEnv { get; set; }

    /// <summary><c>email</c>: PEM file of a CA (or the server's own certificate) trusted for the SMTP server besides the system's.</summary>
    public string? TrustedCertificate { get; set; }
}
