using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;

namespace RolloutController.Notifications.Email;

/// <summary>
/// E-mail over SMTP (<c>type: email</c>): one connection per attempt (notices are rare; a pooled connection would go stale
/// between them), STARTTLS or TLS on connect, AUTH when a user is configured. Every failure is returned as data
/// (<see cref="SmtpFailure"/>); the password is never part of an error.
/// </summary>
internal sealed class EmailChannel(EmailSettings settings, TimeProvider timeProvider) : INotificationChannel
{
    public const string ChannelType = "email";

    /// <summary>The SMTP reply code recorded for a message the server accepted.</summary>
    public const int Accepted = 250;

    private static readonly TimeSpan Backstop = TimeSpan.FromSeconds(1);

    public string Type => ChannelType;

    public async Task<DeliveryResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        using var mail = EmailMessage.Build(message, settings.From, settings.To);
        using var timeoutSource = new CancellationTokenSource(settings.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        // The deadline above bounds the whole attempt; MailKit's own per-operation timeout is only a backstop behind it.
        using var client = new SmtpClient { Timeout = (int)Math.Ceiling((settings.Timeout + Backstop).TotalMilliseconds) };
        if (settings.TrustedCertificate is { } trusted)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, errors) => IsTrusted(certificate, errors, trusted);
            // A private CA publishes no revocation list the controller could reach.
            client.CheckCertificateRevocation = false;
        }
        try
        {
            await client.ConnectAsync(settings.Host, settings.Port, settings.Security, linked.Token);
            if (settings.Username is { } user) await client.AuthenticateAsync(user, settings.Password ?? "", linked.Token);
            await client.SendAsync(mail, linked.Token);
            await client.DisconnectAsync(quit: true, linked.Token);
            return DeliveryResult.Delivered(Accepted);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Unreachable($"no answer from {Server} within {settings.Timeout.TotalSeconds:0.###}s");
        }
        catch (Exception e) when (SmtpFailure.Classify(e, Server) is { } failure)
        {
            return failure;
        }
    }

    private string Server => $"{settings.Host}:{settings.Port}";

    /// <summary>Valid for the system, or chained to the configured certificate with the right name.</summary>
    private static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 trusted)
    {
        if (errors == SslPolicyErrors.None) return true;
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors) return false;
        using var presented = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }
}
