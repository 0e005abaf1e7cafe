using MimeKit;
using RolloutController.Rollouts;

namespace RolloutController.Notifications.Email;

/// <summary>
/// A <see cref="NotificationMessage"/> as an e-mail: <c>multipart/alternative</c> with a plain-text and an HTML part, the
/// headline as subject, and headers that let mail clients recognise it: a <c>Message-ID</c> made from the notification's
/// stable id (a re-delivery is the same message, so clients show it once), and <c>References</c>/<c>In-Reply-To</c> to
/// one thread per incident, so a resolution lands under the notice that opened it.
/// </summary>
internal static class EmailMessage
{
    public const string DeliveryHeader = "X-RolloutController-Delivery";
    public const string IncidentHeader = "X-RolloutController-Incident";

    public static MimeMessage Build(NotificationMessage m, MailboxAddress from, IReadOnlyList<MailboxAddress> to)
    {
        var mail = new MimeMessage
        {
            Subject = m.Headline,
            Date = m.At,
            MessageId = MessageId(m.Id, from.Domain),
        };
        mail.From.Add(from);
        mail.To.AddRange(to);
        mail.Headers.Add(DeliveryHeader, m.Id);
        // RFC 3834: out-of-office and other auto-responders do not answer it.
        mail.Headers.Add("Auto-Submitted", "auto-generated");
        if (m.Incident != IncidentAction.None && m.IncidentKey.Length > 0)
        {
            var thread = ThreadId(m.IncidentKey, from.Domain);
            mail.Headers.Add(IncidentHeader, m.IncidentKey);
            mail.References.Add(thread);
            if (m.Incident == IncidentAction.Resolve) mail.InReplyTo = thread;
        }
        mail.Body = new MultipartAlternative
        {
            new TextPart("plain") { Text = EmailText.Render(m) },
            new TextPart("html") { Text = EmailHtml.Render(m) },
        };
        return mail;
    }

    /// <summary>"0196f0c2…@example.com": the notification id at the sender's domain; the same for every attempt.</summary>
    public static string MessageId(string notificationId, string domain) => $"{Atom(notificationId)}@{domain}";

    /// <summary>
    /// The id every notice of an incident refers to: "incident.rollout-controller%2Fnew-checkout@example.com". No message
    /// carries it; clients that thread on <c>References</c> group the notices under it.
    /// </summary>
    public static string ThreadId(string incidentKey, string domain) => $"incident.{Atom(incidentKey)}@{domain}";

    /// <summary>Percent-encodes everything but ASCII letters, digits, '-' and '_', so any key makes a valid msg-id.</summary>
    private static string Atom(string text) =>
        string.Concat(System.Text.Encoding.UTF8.GetBytes(text).Select(b =>
            char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' ? ((char)b).ToString() : $"%{b:X2}"));
}
