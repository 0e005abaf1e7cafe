using System.Text;
using MimeKit;
using RolloutController.Notifications.Email;
using RolloutController.TestUtilities.Golden;

namespace RolloutController.UnitTests.Notifications.Email;

/// <summary>The e-mail of each fixture message, against the committed files under <c>Golden/email-*</c>.</summary>
public sealed class EmailGoldenTests
{
    private static readonly MailboxAddress From = new("Rollout controller", "rollouts@example.com");
    private static readonly MailboxAddress[] To = [new("Payments on-call", "oncall-payments@example.com")];

    [Theory]
    [MemberData(nameof(WebhookGoldenTests.Fixtures), MemberType = typeof(WebhookGoldenTests))]
    public void Headers_text_and_html_are_as_committed(string fixture)
    {
        using var mail = EmailMessage.Build(WebhookGoldenTests.Message(fixture), From, To);

        GoldenFile.AssertMatches(Headers(mail), $"email-{fixture}.headers");
        GoldenFile.AssertMatches(mail.TextBody!, $"email-{fixture}.txt");
        GoldenFile.AssertMatches(mail.HtmlBody!, $"email-{fixture}.html");
    }

    /// <summary>The headers the controller sets, as sent (encoded); the multipart boundary is left out as it is random.</summary>
    private static string Headers(MimeMessage mail)
    {
        var text = new StringBuilder();
        foreach (var header in mail.Headers.Where(h => h.Id != HeaderId.MimeVersion))
            text.Append(header.Field).Append(':').Append(Encoding.ASCII.GetString(header.RawValue).ReplaceLineEndings("\n"));
        return text.ToString();
    }
}
