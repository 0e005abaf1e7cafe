using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using RolloutController.Notifications;
using RolloutController.Notifications.Email;

namespace RolloutController.UnitTests.Notifications.Email;

public sealed class SmtpFailureTests
{
    private const string Server = "smtp.example.com:587";

    [Fact]
    public void A_4xx_reply_is_retried_and_a_5xx_reply_is_permanent_with_the_servers_text()
    {
        var later = SmtpFailure.Classify(new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.MailboxBusy, "4.2.1 try again later"), Server)!;
        later.ShouldBe(new DeliveryResult(DeliveryStatus.Retryable, 450, "SMTP 450: 4.2.1 try again later"));

        var never = SmtpFailure.Classify(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, "5.1.1 no such user"), Server)!;
        never.ShouldBe(new DeliveryResult(DeliveryStatus.Permanent, 550, "SMTP 550: 5.1.1 no such user"));
    }

    [Fact]
    public void Refused_credentials_tls_failures_and_missing_capabilities_are_permanent()
    {
        SmtpFailure.Classify(new AuthenticationException("535: 5.7.8 bad"), Server)!.Status.ShouldBe(DeliveryStatus.Permanent);
        SmtpFailure.Classify(new SslHandshakeException("certificate not trusted\nmore"), Server)!
            .ShouldBe(new DeliveryResult(DeliveryStatus.Permanent, null, $"TLS with {Server} failed: certificate not trusted"));
        SmtpFailure.Classify(new NotSupportedException("The SMTP server does not support authentication."), Server)!
            .ShouldBe(new DeliveryResult(DeliveryStatus.Permanent, null, $"{Server}: The SMTP server does not support authentication."));
    }

    [Fact]
    public void An_unreachable_server_or_a_broken_conversation_is_retried()
    {
        SmtpFailure.Classify(new SocketException((int)SocketError.ConnectionRefused), Server)!.Status.ShouldBe(DeliveryStatus.Retryable);
        SmtpFailure.Classify(new SmtpProtocolException("The SMTP server has unexpectedly disconnected."), Server)!.Status.ShouldBe(DeliveryStatus.Retryable);
        SmtpFailure.Classify(new IOException("reset"), Server)!.Status.ShouldBe(DeliveryStatus.Retryable);
        SmtpFailure.Classify(new TimeoutException("The operation has timed out."), Server)!
            .ShouldBe(DeliveryResult.Unreachable($"no answer from {Server}: The operation has timed out."));
    }

    [Fact]
    public void Anything_else_is_not_a_delivery_failure()
    {
        SmtpFailure.Classify(new InvalidOperationException("a bug"), Server).ShouldBeNull();
    }
}
