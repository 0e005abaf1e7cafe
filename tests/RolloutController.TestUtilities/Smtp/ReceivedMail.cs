using MimeKit;

namespace RolloutController.TestUtilities.Smtp;

/// <summary>One message an <see cref="SmtpSink"/> accepted: as parsed by MimeKit, with its SMTP envelope.</summary>
/// <param name="Tls">Whether the session was encrypted (STARTTLS or TLS on connect) when the message was sent.</param>
/// <param name="Authenticated">Whether the client had authenticated.</param>
public sealed record ReceivedMail(MimeMessage Message, string MailFrom, IReadOnlyList<string> Recipients, bool Tls, bool Authenticated)
{
    /// <summary>The <c>text/plain</c> part's text.</summary>
    public string Text => Message.TextBody ?? throw new InvalidOperationException("the message has no text/plain part");

    /// <summary>The <c>text/html</c> part's text.</summary>
    public string Html => Message.HtmlBody ?? throw new InvalidOperationException("the message has no text/html part");

    /// <summary>A header's value (first occurrence), or null.</summary>
    public string? Header(string name) => Message.Headers[name];
}
