using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace RolloutController.Notifications.Email;

/// <summary>
/// The one home of how an SMTP failure is classified: what a retry can cure (the server unreachable or slow, a 4xx
/// "try again later") and what it cannot (a 5xx rejection, refused credentials, TLS the server does not offer or a
/// certificate not trusted). Permanent failures carry the server's own text.
/// </summary>
internal static class SmtpFailure
{
    /// <summary>The failure <paramref name="e"/> stands for, or null for an exception that is not a delivery failure (a bug).</summary>
    /// <param name="server">"host:port", named in the error.</param>
    public static DeliveryResult? Classify(Exception e, string server) => e switch
    {
        SmtpCommandException c => FromReply((int)c.StatusCode, c.Message),
        AuthenticationException a => new DeliveryResult(DeliveryStatus.Permanent, null, $"SMTP authentication refused by {server}: {a.Message}"),
        SslHandshakeException s => new DeliveryResult(DeliveryStatus.Permanent, null, $"TLS with {server} failed: {FirstLine(s.Message)}"),
        // MailKit's words for a capability the server lacks (STARTTLS, AUTH): configuration, not luck.
        NotSupportedException n => new DeliveryResult(DeliveryStatus.Permanent, null, $"{server}: {n.Message}"),
        SocketException s => DeliveryResult.Unreachable($"cannot reach {server}: {s.SocketErrorCode} ({s.Message})"),
        TimeoutException t => DeliveryResult.Unreachable($"no answer from {server}: {t.Message}"),
        SmtpProtocolException p => DeliveryResult.Unreachable($"SMTP conversation with {server} broke off: {p.Message}"),
        IOException io => DeliveryResult.Unreachable($"connection to {server} failed: {io.Message}"),
        ServiceNotConnectedException n => DeliveryResult.Unreachable($"{server}: {n.Message}"),
        _ => null,
    };

    /// <summary>An SMTP reply that refused the message: 4xx is temporary (retried), 5xx permanent.</summary>
    public static DeliveryResult FromReply(int code, string text)
    {
        var error = $"SMTP {code}: {text.ReplaceLineEndings(" ").Trim()}";
        return new DeliveryResult(code is >= 400 and < 500 ? DeliveryStatus.Retryable : DeliveryStatus.Permanent, code, error);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
