using MailKit.Security;
using RolloutController.Notifications;
using RolloutController.Notifications.Email;

namespace RolloutController.UnitTests.Notifications.Email;

public sealed class EmailSettingsTests
{
    private const string Path = "RolloutController:Notifications:Routes:oncall:0";

    private static readonly Dictionary<string, string> Environment = new() { ["SMTP_PASSWORD"] = "s3cret" };

    private static NotificationChannelOptions Valid() => new()
    {
        Type = "email",
        Host = "smtp.example.com",
        From = "Rollouts <rollouts@example.com>",
        To = ["oncall@example.com", "Releases <releases@example.com>"],
        Username = "rollouts",
        PasswordEnv = "SMTP_PASSWORD",
    };

    private static List<string> Validate(NotificationChannelOptions options)
    {
        var errors = new List<string>();
        EmailSettings.Validate(Path, options, Environment.GetValueOrDefault, errors);
        return errors;
    }

    [Fact]
    public void A_complete_channel_is_valid_and_resolves_with_starttls_on_587_by_default()
    {
        Validate(Valid()).ShouldBeEmpty();

        var settings = EmailSettings.Resolve(Valid(), Environment.GetValueOrDefault);

        settings.Host.ShouldBe("smtp.example.com");
        settings.Port.ShouldBe(587);
        settings.Security.ShouldBe(SecureSocketOptions.StartTls);
        settings.From.Address.ShouldBe("rollouts@example.com");
        settings.From.Name.ShouldBe("Rollouts");
        settings.To.Select(t => t.Address).ShouldBe(["oncall@example.com", "releases@example.com"]);
        settings.Password.ShouldBe("s3cret");
        settings.Timeout.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData("none", 25, SecureSocketOptions.None)]
    [InlineData("starttls", 587, SecureSocketOptions.StartTls)]
    [InlineData("tls", 465, SecureSocketOptions.SslOnConnect)]
    public void The_port_defaults_by_security_mode(string security, int port, SecureSocketOptions socket)
    {
        var options = Valid();
        options.Security = security;
        options.Username = null;
        options.PasswordEnv = null;

        var settings = EmailSettings.Resolve(options, Environment.GetValueOrDefault);

        settings.Port.ShouldBe(port);
        settings.Security.ShouldBe(socket);
        settings.Password.ShouldBeNull();
    }

    [Fact]
    public void Every_problem_is_listed_with_its_key_and_value()
    {
        var options = new NotificationChannelOptions
        {
            Type = "email",
            Host = "smtp example com",
            Port = 70000,
            Security = "ssl",
            From = "rollouts",
            To = ["oncall@example.com", "not an address"],
            Username = "rollouts",
            PasswordEnv = "NOT_SET",
            TrustedCertificate = "/no/such/ca.pem",
            Url = "https://smtp.example.com",
        };

        var errors = Validate(options);

        errors.Count.ShouldBe(8);
        errors[0].ShouldBe($"{Path}:Host must be the SMTP server's host name or IP address (got 'smtp example com')");
        errors[1].ShouldBe($"{Path}:Port must be between 1 and 65535 (got 70000)");
        errors[2].ShouldBe($"{Path}:Security 'ssl' is not a security mode; use one of: none, starttls, tls");
        errors[3].ShouldBe($"{Path}:From must be one e-mail address such as 'Rollouts <rollouts@example.com>' (got 'rollouts')");
        errors[4].ShouldBe($"{Path}:To:1 must be one e-mail address (got 'not an address')");
        errors[5].ShouldBe($"{Path}:PasswordEnv names environment variable 'NOT_SET', which is not set or empty");
        errors[6].ShouldStartWith($"{Path}:TrustedCertificate '/no/such/ca.pem' cannot be read as a PEM certificate: ");
        errors[7].ShouldBe($"{Path}:Url is not used by email channels (got 'https://smtp.example.com'); set Host, Port and To");
    }

    [Fact]
    public void Recipients_and_credentials_must_be_complete_and_never_in_clear_text()
    {
        var noRecipients = Valid();
        noRecipients.To = [];
        Validate(noRecipients).ShouldBe([$"{Path}:To must list at least one recipient address"]);

        var userWithoutPassword = Valid();
        userWithoutPassword.PasswordEnv = null;
        Validate(userWithoutPassword).ShouldBe(
            [$"{Path}:PasswordEnv must name the environment variable holding the password of Username 'rollouts'"]);

        var passwordWithoutUser = Valid();
        passwordWithoutUser.Username = null;
        Validate(passwordWithoutUser).ShouldBe([$"{Path}:PasswordEnv is set ('SMTP_PASSWORD') but Username is not; set both or neither"]);

        var clearText = Valid();
        clearText.Security = "none";
        Validate(clearText).ShouldBe(
            [$"{Path}:Security must be starttls or tls when Username is set (got 'none'): the password would be sent in clear text"]);
    }

    [Fact]
    public void The_channel_validator_checks_email_channels_without_asking_for_a_url()
    {
        var options = new NotificationOptions { Routes = { ["oncall"] = [new() { Type = "email", Host = "smtp.example.com", To = [] }] } };

        var failures = new NotificationOptionsValidator().Validate(null, options).Failures!.ToList();

        failures.ShouldBe(
        [
            $"{Path}:From must be one e-mail address such as 'Rollouts <rollouts@example.com>' (got '')",
            $"{Path}:To must list at least one recipient address",
        ]);
    }
}
