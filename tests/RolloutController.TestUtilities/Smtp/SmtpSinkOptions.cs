namespace RolloutController.TestUtilities.Smtp;

/// <summary>What an <see cref="SmtpSink"/> demands of its clients. The default is plain SMTP without AUTH.</summary>
public sealed record SmtpSinkOptions
{
    public SmtpSecurity Security { get; init; } = SmtpSecurity.None;

    /// <summary>The port to listen on; 0 (the default) lets the system pick a free one.</summary>
    public int Port { get; init; }

    /// <summary>When set, AUTH (PLAIN or LOGIN) with this user and <see cref="Password"/> is required before MAIL.</summary>
    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>Recipients refused at RCPT TO with a permanent <c>550 5.1.1</c>.</summary>
    public IReadOnlyList<string> RejectedRecipients { get; init; } = [];
}
