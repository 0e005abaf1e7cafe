namespace RolloutController.TestUtilities.Smtp;

/// <summary>How an <see cref="SmtpSink"/> speaks TLS.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain SMTP; STARTTLS is not offered.</summary>
    None,

    /// <summary>STARTTLS offered and required before MAIL.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS).</summary>
    TlsOnConnect,
}
