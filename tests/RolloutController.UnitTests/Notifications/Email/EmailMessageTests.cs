using MimeKit;
using RolloutController.Notifications;
using RolloutController.Notifications.Email;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Notifications;

namespace RolloutController.UnitTests.Notifications.Email;

public sealed class EmailMessageTests
{
    private static readonly MailboxAddress From = new("Rollouts", "rollouts@example.com");
    private static readonly MailboxAddress[] To = [new("", "oncall@example.com")];

    private static NotificationMessage Rollback() => NotificationFixtures.Rollback();

    [Fact]
    public void Subject_ids_and_headers_come_from_the_notice()
    {
        using var mail = EmailMessage.Build(Rollback(), From, To);

        mail.Subject.ShouldBe("[CRITICAL] new-checkout: Guardrail error-rate tripped at 10%: 0.034 (max 0.01)");
        mail.MessageId.ShouldBe("0196f0c2a1b87c3e9d4f5a6b7c8d9e0f@example.com");
        mail.Date.ShouldBe(NotificationFixtures.At.AddSeconds(1));
        mail.Headers[EmailMessage.DeliveryHeader].ShouldBe("0196f0c2a1b87c3e9d4f5a6b7c8d9e0f");
        mail.Headers["Auto-Submitted"].ShouldBe("auto-generated");
        var parts = mail.Body.ShouldBeOfType<MultipartAlternative>().OfType<TextPart>().Select(p => p.ContentType.MimeType).ToList();
        parts.ShouldBe(["text/plain", "text/html"]);
    }

    [Fact]
    public void A_redelivery_is_the_same_message()
    {
        using var first = EmailMessage.Build(Rollback(), From, To);
        using var again = EmailMessage.Build(Rollback(), From, To);

        again.MessageId.ShouldBe(first.MessageId);
        again.TextBody.ShouldBe(first.TextBody);
        again.HtmlBody.ShouldBe(first.HtmlBody);
    }

    [Fact]
    public void An_incident_opens_a_thread_its_resolution_replies_to_and_other_notices_stay_out_of_it()
    {
        var rollback = Rollback();
        using var trigger = EmailMessage.Build(rollback, From, To);
        using var resolve = EmailMessage.Build(rollback with { Id = "b", Incident = IncidentAction.Resolve }, From, To);
        using var other = EmailMessage.Build(rollback with { Id = "c", Incident = IncidentAction.None }, From, To);

        const string Thread = "incident.rollout-controller%2Fnew-checkout@example.com";
        trigger.References.ShouldBe([Thread]);
        trigger.InReplyTo.ShouldBeNull();
        resolve.References.ShouldBe([Thread]);
        resolve.InReplyTo.ShouldBe(Thread);
        other.References.ShouldBeEmpty();
        other.InReplyTo.ShouldBeNull();
        other.Headers[EmailMessage.IncidentHeader].ShouldBeNull();
    }

    [Fact]
    public void Any_key_makes_a_valid_message_id()
    {
        EmailMessage.ThreadId("rollout-controller/pay.v2 ü", "example.com").ShouldBe("incident.rollout-controller%2Fpay%2Ev2%20%C3%BC@example.com");
        MimeKit.Utils.MimeUtils.ParseMessageId($"<{EmailMessage.ThreadId("a/b c", "example.com")}>").ShouldBe("incident.a%2Fb%20c@example.com");
    }

    [Fact]
    public void Html_escapes_every_value_and_text_keeps_it_as_written()
    {
        var message = Rollback() with { PolicyReason = "<script>alert('x')</script> & more", Summary = "a < b" };

        using var mail = EmailMessage.Build(message, From, To);

        mail.HtmlBody!.ShouldContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more");
        mail.HtmlBody!.ShouldNotContain("<script>");
        mail.HtmlBody!.ShouldContain("<p>a &lt; b</p>");
        mail.TextBody!.ShouldContain("<script>alert('x')</script> & more");
    }

    [Fact]
    public void Both_parts_carry_the_facts_the_evidence_the_links_and_the_command()
    {
        using var mail = EmailMessage.Build(Rollback(), From, To);

        foreach (var body in new[] { mail.TextBody!, mail.HtmlBody! })
        {
            body.ShouldContain("new-checkout rolled back");
            body.ShouldContain("team-payments");
            body.ShouldContain("2 of 4");
            body.ShouldContain("10% → 0%");
            body.ShouldContain("error-rate tripped: 0.034 (max 0.01), 2 failing measurements in a row (limit 2) since 2026-11-03T14:04:00Z");
            body.ShouldContain("0.42 (max 0.8)");
            body.ShouldContain("rolloutctl resume new-checkout");
            body.ShouldContain(NotificationFixtures.ErrorRateRunbook);
            body.ShouldContain("https://rollouts.example.com/rollouts/new-checkout");
            body.ShouldContain("https://grafana.example.com/d/rollouts?var-flag=new-checkout");
            body.ShouldContain("https://prometheus.example.com/graph?g0.expr=");
        }
    }

    [Fact]
    public void A_segment_exclusion_shows_the_segment_as_a_field_and_each_guardrails_segment()
    {
        using var mail = EmailMessage.Build(NotificationFixtures.SegmentExcluded(), From, To);

        mail.TextBody!.ShouldContain("checkout-conversion on segment plan=\"free\" tripped: 0.021 (min 0.03)");
        mail.TextBody!.ShouldContain("plan=\"free\"  plan=free  checkout-conversion");
        mail.HtmlBody!.ShouldContain("<td style=\"border:1px solid #ccc;padding:4px 8px;text-align:left\">plan=&quot;pro&quot;</td>");
    }
}
