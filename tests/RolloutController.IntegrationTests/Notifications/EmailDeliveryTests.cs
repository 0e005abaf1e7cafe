using System.Globalization;
using System.Net;
using System.Net.Sockets;
using RolloutController.Analysis;
using RolloutController.Notifications.Email;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.TestUtilities.Notifications;
using RolloutController.TestUtilities.Smtp;

namespace RolloutController.IntegrationTests.Notifications;

/// <summary>The <c>email</c> channel against a real SMTP server (aiosmtpd) on loopback, through the outbox and dispatcher.</summary>
public sealed class EmailDeliveryTests
{
    private const string OnCall = "oncall@payments.example.com";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private static async Task<DispatcherHost> StartAsync(SmtpSink smtp, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(smtp.ChannelSettings("oncall", 0, OnCall, "releases@example.com"))
        {
            ["RolloutController:ExternalUrl"] = "https://rollouts.example.com",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>()) settings[key] = value;
        return await DispatcherHost.StartAsync(settings);
    }

    private static async Task<NotificationAttempt> SendAndWaitAsync(DispatcherHost host, RolloutNotice notice)
    {
        await host.Dispatcher.EnqueueAsync(notice, NotificationFixtures.Policy("oncall"), CancellationToken.None);
        await host.Store.WaitUntilAsync(s => s.NotificationAttempts.Any(a => a.Outcome is "delivered" or "abandoned"), Wait);
        return host.Store.NotificationAttempts.First(a => a.Outcome is "delivered" or "abandoned");
    }

    [Fact]
    public async Task A_rollback_arrives_with_its_headers_and_both_parts()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var host = await StartAsync(smtp);

        var attempt = await SendAndWaitAsync(host, NotificationFixtures.RollbackNotice());

        var mail = (await smtp.WaitForMessagesAsync(1, Wait)).ShouldHaveSingleItem();
        var message = mail.Message;
        message.From.Mailboxes.ShouldHaveSingleItem().ToString().ShouldBe("\"Rollout controller\" <rollouts@controller.test>");
        message.To.Mailboxes.Select(m => m.Address).ShouldBe([OnCall, "releases@example.com"]);
        mail.MailFrom.ShouldBe("rollouts@controller.test");
        mail.Recipients.ShouldBe([OnCall, "releases@example.com"]);
        message.Subject.ShouldBe("[CRITICAL] new-checkout: Guardrail error-rate tripped at 10%: 0.034 (max 0.01)");
        message.MessageId.ShouldBe($"{attempt.NotificationId}@controller.test");
        mail.Header(EmailMessage.DeliveryHeader).ShouldBe(attempt.NotificationId);
        mail.Header("Auto-Submitted").ShouldBe("auto-generated");
        message.Date.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        message.References.ShouldBe(["incident.rollout-controller%2Fnew-checkout@controller.test"]);
        message.InReplyTo.ShouldBeNull();

        mail.Text.ShouldContain("new-checkout rolled back");
        mail.Text.ShouldContain("error-rate tripped: 0.034 (max 0.01), 2 failing measurements in a row (limit 2) since 2026-11-03T14:04:00Z");
        mail.Text.ShouldContain("rolloutctl resume new-checkout --reason \"<why it is safe>\"");
        mail.Text.ShouldContain("- Runbook: https://wiki.example.com/runbooks/http-errors");
        mail.Text.ShouldContain("- Rollout: https://rollouts.example.com/rollouts/new-checkout");
        mail.Text.ShouldContain("- Graph of error-rate: http://prometheus.test:9090/graph?g0.expr=");
        mail.Html.ShouldContain("<td style=\"border:1px solid #ccc;padding:4px 8px;text-align:left\">0.42 (max 0.8)</td>");
        mail.Html.ShouldContain("<code>sum(rate(http_requests_total{flag=&quot;new-checkout&quot;,variant=&quot;on&quot;,code=~&quot;5..&quot;}[5m]))");
        mail.Html.ShouldContain("<a href=\"http://prometheus.test:9090/graph?g0.expr=");
        mail.Html.ShouldContain("rolloutctl resume new-checkout --reason &quot;&lt;why it is safe&gt;&quot;");
        mail.Html.ShouldContain("<a href=\"https://wiki.example.com/runbooks/http-errors\">Runbook</a>");

        attempt.ShouldBe(attempt with { Route = "oncall", Channel = "email[0]", Attempt = 1, Outcome = "delivered", StatusCode = 250, Error = null });
        host.Deliveries.ShouldContain(("email", "oncall", "delivered", 1L));
    }

    [Fact]
    public async Task A_resolution_replies_to_its_incident_thread()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var host = await StartAsync(smtp);

        await SendAndWaitAsync(host, NotificationFixtures.RollbackNotice());
        await host.Dispatcher.EnqueueAsync(Restarted(), NotificationFixtures.Policy("oncall"), CancellationToken.None);

        var mails = await smtp.WaitForMessagesAsync(2, Wait);
        var (incident, resolution) = (mails[0].Message, mails[1].Message);
        const string Thread = "incident.rollout-controller%2Fnew-checkout@controller.test";
        incident.References.ShouldBe([Thread]);
        resolution.InReplyTo.ShouldBe(Thread);
        resolution.References.ShouldBe([Thread]);
        resolution.MessageId.ShouldNotBe(incident.MessageId);
        resolution.Subject.ShouldStartWith("[INFO] new-checkout:");
        mails[1].Header(EmailMessage.IncidentHeader).ShouldBe("rollout-controller/new-checkout");
    }

    [Theory]
    [InlineData(SmtpSecurity.StartTls)]
    [InlineData(SmtpSecurity.TlsOnConnect)]
    public async Task Tls_and_auth_are_used_when_the_server_requires_them(SmtpSecurity security)
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { Security = security, User = "rollouts", Password = "s3cret-pass" });
        await using var host = await StartAsync(smtp);

        var attempt = await SendAndWaitAsync(host, NotificationFixtures.RollbackNotice());

        attempt.Outcome.ShouldBe("delivered", attempt.Error);
        var mail = (await smtp.WaitForMessagesAsync(1, Wait)).ShouldHaveSingleItem();
        mail.Tls.ShouldBeTrue();
        mail.Authenticated.ShouldBeTrue();
    }

    [Fact]
    public async Task A_wrong_password_is_a_permanent_failure_with_the_servers_words()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { Security = SmtpSecurity.StartTls, User = "rollouts", Password = "right" });
        Environment.SetEnvironmentVariable(smtp.PasswordVariable, "wrong");
        await using var host = await StartAsync(smtp);

        var attempt = await SendAndWaitAsync(host, NotificationFixtures.RollbackNotice());
        await Task.Delay(TimeSpan.FromMilliseconds(300)); // several backoffs: a retry would have happened by now

        host.Store.NotificationAttempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe("abandoned");
        attempt.Error.ShouldBe($"SMTP authentication refused by 127.0.0.1:{smtp.Port}: 535: 5.7.8 Authentication credentials invalid");
        smtp.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_rejected_recipient_is_a_permanent_failure_with_the_servers_words()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { RejectedRecipients = [OnCall] });
        await using var host = await StartAsync(smtp);

        var attempt = await SendAndWaitAsync(host, NotificationFixtures.RollbackNotice());

        host.Store.NotificationAttempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe("abandoned");
        attempt.StatusCode.ShouldBe(550);
        attempt.Error.ShouldBe($"SMTP 550: 5.1.1 <{OnCall}>: Recipient address rejected: no such mailbox");
    }

    [Fact]
    public async Task A_server_that_is_down_is_retried_until_it_is_back()
    {
        var down = await SmtpSink.StartAsync();
        var port = down.Port;
        await using var host = await StartAsync(down, new Dictionary<string, string?>
        {
            ["MaxAttempts"] = "40",
            ["InitialBackoff"] = "00:00:00.100",
            ["MaxBackoff"] = "00:00:00.250",
        });
        await down.DisposeAsync();

        await host.Dispatcher.EnqueueAsync(NotificationFixtures.RollbackNotice(), NotificationFixtures.Policy("oncall"), CancellationToken.None);
        await host.Store.WaitUntilAsync(s => s.NotificationAttempts.Count(a => a.Outcome == "failed") >= 2, Wait);
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { Port = port });
        await host.Store.WaitUntilAsync(s => s.NotificationAttempts.Any(a => a.Outcome == "delivered"), Wait);

        var attempts = host.Store.NotificationAttempts;
        attempts.Where(a => a.Outcome == "failed").ShouldAllBe(a => a.Error!.StartsWith($"cannot reach 127.0.0.1:{port}: ConnectionRefused"));
        attempts.Select(a => a.Outcome).Distinct().ShouldBe(["failed", "delivered"]);
        (await smtp.WaitForMessagesAsync(1, Wait)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_server_that_accepts_but_never_answers_is_a_timeout_and_retried()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        await using var sink = await SmtpSink.StartAsync();
        var settings = new Dictionary<string, string?>(sink.ChannelSettings("oncall", 0, OnCall))
        {
            ["RolloutController:Notifications:Routes:oncall:0:Port"] = port.ToString(CultureInfo.InvariantCulture),
            ["RolloutController:Notifications:Routes:oncall:0:Timeout"] = "00:00:00.500",
            ["MaxAttempts"] = "2",
        };
        await using var host = await DispatcherHost.StartAsync(settings);

        var attempt = await SendAndWaitAsync(host, NotificationFixtures.RollbackNotice());

        host.Store.NotificationAttempts.Select(a => a.Outcome).ShouldBe(["failed", "abandoned"]);
        attempt.Error!.ShouldStartWith($"no answer from 127.0.0.1:{port}");
    }

    [Fact]
    public async Task Starttls_required_but_not_offered_is_permanent_and_nothing_is_sent_in_clear_text()
    {
        await using var smtp = await SmtpSink.StartAsync();
        await using var host = await StartAsync(smtp, new Dictionary<string, string?>
        {
            ["RolloutController:Notifications:Routes:oncall:0:Security"] = "starttls",
        });

        var attempt = await SendAndWaitAsync(host, NotificationFixtures.RollbackNotice());

        host.Store.NotificationAttempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe("abandoned");
        attempt.Error.ShouldBe($"127.0.0.1:{smtp.Port}: The SMTP server does not support the STARTTLS extension.");
        smtp.Messages().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_certificate_nobody_trusts_is_permanent()
    {
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { Security = SmtpSecurity.StartTls });
        var settings = new Dictionary<string, string?>(smtp.ChannelSettings("oncall", 0, OnCall));
        settings.Remove("RolloutController:Notifications:Routes:oncall:0:TrustedCertificate");
        await using var host = await DispatcherHost.StartAsync(settings);

        var attempt = await SendAndWaitAsync(host, NotificationFixtures.RollbackNotice());

        host.Store.NotificationAttempts.ShouldHaveSingleItem();
        attempt.Outcome.ShouldBe("abandoned");
        attempt.Error!.ShouldStartWith($"TLS with 127.0.0.1:{smtp.Port} failed: ");
        smtp.Messages().ShouldBeEmpty();
    }

    /// <summary>A person restarted the rolled-back rollout: the notice that closes the incident.</summary>
    private static RolloutNotice Restarted()
    {
        var transition = new Transition("new-checkout", RolloutTrigger.Restart, RolloutPhase.RolledBack, RolloutPhase.Observing,
            FromStage: 1, ToStage: 0, FromWeight: 0m, ToWeight: 1m, "alice", "fixed in 2.4.1", NotificationFixtures.At.AddHours(1));
        return new RolloutNotice(NoticeKind.Restarted, NoticeSeverity.Info, "new-checkout",
            "'new-checkout' restarted at 1% by alice: fixed in 2.4.1", "Serving 1% again", "Nothing to do",
            transition, [], [new Measurement("error-rate", Verdict.Pass, 0.001, "max 0.01", NotificationFixtures.ErrorRateQuery, "ok", NotificationFixtures.At)]);
    }
}
