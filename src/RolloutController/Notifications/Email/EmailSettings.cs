using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using MimeKit;

namespace RolloutController.Notifications.Email;

/// <summary>
/// An <c>email</c> channel's settings, checked and resolved: addresses parsed, the port chosen, the password read from its
/// environment variable, the trusted certificate loaded. The one home of what a valid SMTP configuration is.
/// </summary>
internal sealed record EmailSettings(
    string Host,
    int Port,
    SecureSocketOptions Security,
    MailboxAddress From,
    IReadOnlyList<MailboxAddress> To,
    string? Username,
    string? Password,
    X509Certificate2? TrustedCertificate,
    TimeSpan Timeout)
{
    public const string None = "none";
    public const string StartTls = "starttls";
    public const string Tls = "tls";

    /// <summary>The security modes, as configured.</summary>
    public static readonly IReadOnlyList<string> SecurityModes = [None, StartTls, Tls];

    /// <summary>Adds every problem of <paramref name="c"/> to <paramref name="errors"/>, each with its key path and the bad value.</summary>
    /// <param name="environment">Reads an environment variable (the password's).</param>
    public static void Validate(string path, NotificationChannelOptions c, Func<string, string?> environment, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(c.Host) || Uri.CheckHostName(c.Host) == UriHostNameType.Unknown)
            errors.Add($"{path}:Host must be the SMTP server's host name or IP address (got '{c.Host}')");
        if (c.Port is { } port && port is < 1 or > 65535)
            errors.Add($"{path}:Port must be between 1 and 65535 (got {port})");
        if (c.Security is not null && !SecurityModes.Contains(c.Security, StringComparer.Ordinal))
            errors.Add($"{path}:Security '{c.Security}' is not a security mode; use one of: {string.Join(", ", SecurityModes)}");
        if (!TryParseAddress(c.From, out _))
            errors.Add($"{path}:From must be one e-mail address such as 'Rollouts <rollouts@example.com>' (got '{c.From}')");
        if (c.To.Count == 0)
            errors.Add($"{path}:To must list at least one recipient address");
        for (var i = 0; i < c.To.Count; i++)
        {
            if (!TryParseAddress(c.To[i], out _))
                errors.Add($"{path}:To:{i} must be one e-mail address (got '{c.To[i]}')");
        }
        ValidateCredentials(path, c, environment, errors);
        if (c.TrustedCertificate is not null && LoadCertificate(c.TrustedCertificate, out var error) is null)
            errors.Add($"{path}:TrustedCertificate '{c.TrustedCertificate}' {error}");
        if (c.Url is not null)
            errors.Add($"{path}:Url is not used by email channels (got '{c.Url}'); set Host, Port and To");
    }

    /// <summary>The settings of a channel that passed <see cref="Validate"/>.</summary>
    public static EmailSettings Resolve(NotificationChannelOptions c, Func<string, string?> environment)
    {
        var security = c.Security ?? StartTls;
        TryParseAddress(c.From, out var from);
        return new EmailSettings(
            c.Host!,
            c.Port ?? DefaultPort(security),
            security switch
            {
                None => SecureSocketOptions.None,
                Tls => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.StartTls,
            },
            from!,
            c.To.Select(t => TryParseAddress(t, out var to) ? to! : throw new InvalidOperationException($"unvalidated address '{t}'")).ToList(),
            c.Username,
            c.PasswordEnv is { } variable ? environment(variable) : null,
            c.TrustedCertificate is { } file ? LoadCertificate(file, out _) : null,
            c.Timeout);
    }

    /// <summary>25 without TLS, 587 for STARTTLS (submission), 465 for TLS on connect (submissions).</summary>
    public static int DefaultPort(string security) => security switch
    {
        None => 25,
        Tls => 465,
        _ => 587,
    };

    private static void ValidateCredentials(string path, NotificationChannelOptions c, Func<string, string?> environment, List<string> errors)
    {
        var hasUser = !string.IsNullOrEmpty(c.Username);
        if (hasUser && string.IsNullOrEmpty(c.PasswordEnv))
            errors.Add($"{path}:PasswordEnv must name the environment variable holding the password of Username '{c.Username}'");
        else if (!hasUser && c.PasswordEnv is not null)
            errors.Add($"{path}:PasswordEnv is set ('{c.PasswordEnv}') but Username is not; set both or neither");
        else if (hasUser && string.IsNullOrEmpty(environment(c.PasswordEnv!)))
            errors.Add($"{path}:PasswordEnv names environment variable '{c.PasswordEnv}', which is not set or empty");
        // Without TLS the password would cross the network in clear text.
        if (hasUser && c.Security == None)
            errors.Add($"{path}:Security must be starttls or tls when Username is set (got '{c.Security}'): the password would be sent in clear text");
    }

    private static bool TryParseAddress(string? text, out MailboxAddress? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text) || !MailboxAddress.TryParse(text, out var parsed)) return false;
        if (string.IsNullOrEmpty(parsed.Domain) || string.IsNullOrEmpty(parsed.LocalPart)) return false;
        address = parsed;
        return true;
    }

    private static X509Certificate2? LoadCertificate(string file, out string error)
    {
        error = "";
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            error = $"cannot be read as a PEM certificate: {e.Message}";
            return null;
        }
    }
}
