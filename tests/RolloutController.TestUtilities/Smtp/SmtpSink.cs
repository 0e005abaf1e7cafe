using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using MimeKit;
using RolloutController.TestUtilities.Dependencies;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.TestUtilities.Smtp;

/// <summary>
/// A real SMTP server on 127.0.0.1: aiosmtpd (Debian's <c>python3-aiosmtpd</c>) running <c>tests/smtp/smtp_sink.py</c>
/// on a port it picks, with STARTTLS or TLS on connect under a self-signed certificate made for the test, AUTH when a
/// user is given, and every accepted message kept as a file and read back with MimeKit. Killed on dispose.
/// </summary>
/// <example>
/// <code>
/// await using var smtp = await SmtpSink.StartAsync();
/// // a route "oncall" with one e-mail channel, e.g. as a controller's ControllerSetup.Overrides:
/// var settings = smtp.ChannelSettings("oncall", 0, "oncall@example.com");
/// var mail = (await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(15))).Single();
/// mail.Message.Subject.ShouldStartWith("[CRITICAL] new-checkout");
/// </code>
/// </example>
public sealed class SmtpSink : IAsyncDisposable
{
    /// <summary>Where Debian's packages put the interpreter that sees <c>python3-aiosmtpd</c> (not a pyenv or venv one).</summary>
    public const string Python = "/usr/bin/python3";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly string _directory;

    private SmtpSink(Process process, StringBuilder log, string directory, int port, SmtpSinkOptions options)
    {
        _process = process;
        _log = log;
        _directory = directory;
        Port = port;
        Options = options;
        PasswordVariable = $"SMTP_SINK_PASSWORD_{Guid.NewGuid():N}";
        // The controller reads the password from an environment variable it is told the name of.
        Environment.SetEnvironmentVariable(PasswordVariable, options.Password ?? "");
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public SmtpSinkOptions Options { get; }

    /// <summary>PEM of the sink's self-signed certificate (TLS modes only): what a client must trust.</summary>
    public string CertificatePath => Path.Combine(_directory, "cert.pem");

    /// <summary>An environment variable of this process holding <see cref="SmtpSinkOptions.Password"/>.</summary>
    public string PasswordVariable { get; }

    /// <summary>What aiosmtpd printed (for failure messages).</summary>
    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    private string MailDirectory => Path.Combine(_directory, "mail");

    public static async Task<SmtpSink> StartAsync(SmtpSinkOptions? options = null)
    {
        options ??= new SmtpSinkOptions();
        var python = RequiredDependency.Executable("python3", Python);
        var directory = Directory.CreateTempSubdirectory("smtp-sink-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "mail"));
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in Arguments(options, directory)) info.ArgumentList.Add(argument);

        var log = new StringBuilder();
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, log, listening);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, log, listening);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException(
            $"the SMTP sink exited before listening; is python3-aiosmtpd installed (tests/run.sh installs it)?\n{Read(log)}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var port = await listening.Task.WaitAsync(StartTimeout);
            return new SmtpSink(process, log, directory, port, options);
        }
        catch
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An <c>email</c> channel pointed at this sink, as configuration keys (<c>RolloutController:Notifications:Routes:…</c>):
    /// host, port, security, the certificate to trust and the credentials, from <c>rollouts@controller.test</c> to
    /// <paramref name="to"/>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> ChannelSettings(string route, int index, params string[] to)
    {
        var path = $"RolloutController:Notifications:Routes:{route}:{index}:";
        var settings = new Dictionary<string, string?>
        {
            [path + "Type"] = "email",
            [path + "Host"] = Host,
            [path + "Port"] = Port.ToString(CultureInfo.InvariantCulture),
            [path + "From"] = "Rollout controller <rollouts@controller.test>",
            [path + "Timeout"] = "00:00:05",
            [path + "Security"] = Options.Security switch
            {
                SmtpSecurity.StartTls => "starttls",
                SmtpSecurity.TlsOnConnect => "tls",
                _ => "none",
            },
        };
        for (var i = 0; i < to.Length; i++) settings[$"{path}To:{i}"] = to[i];
        if (Options.Security != SmtpSecurity.None) settings[path + "TrustedCertificate"] = CertificatePath;
        if (Options.User is { } user)
        {
            settings[path + "Username"] = user;
            settings[path + "PasswordEnv"] = PasswordVariable;
        }
        return settings;
    }

    /// <summary>The messages accepted so far, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Messages() =>
        Directory.GetFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal).Select(ReadMail).ToList();

    /// <summary>Waits until at least <paramref name="count"/> messages arrived; throws with the sink's log on timeout.</summary>
    public async Task<IReadOnlyList<ReceivedMail>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var messages = Messages();
            if (messages.Count >= count) return messages;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{messages.Count} of {count} messages arrived within {timeout}; the sink logged:\n{Log}");
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    /// <summary>Stops the server: connections are refused from now on, as for a mail server that is down.</summary>
    public async Task StopAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        Environment.SetEnvironmentVariable(PasswordVariable, null);
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    private static IEnumerable<string> Arguments(SmtpSinkOptions options, string directory)
    {
        yield return Path.Combine(RepositoryLayout.Root, "tests", "smtp", "smtp_sink.py");
        yield return "--dir";
        yield return Path.Combine(directory, "mail");
        yield return "--port";
        yield return options.Port.ToString(CultureInfo.InvariantCulture);
        if (options.Security != SmtpSecurity.None)
        {
            WriteSelfSignedCertificate(directory);
            yield return "--tls-cert";
            yield return Path.Combine(directory, "cert.pem");
            yield return "--tls-key";
            yield return Path.Combine(directory, "key.pem");
            yield return options.Security == SmtpSecurity.StartTls ? "--starttls" : "--tls-on-connect";
        }
        if (options.User is { } user)
        {
            yield return "--user";
            yield return user;
            yield return "--password";
            yield return options.Password ?? "";
        }
        foreach (var rejected in options.RejectedRecipients)
        {
            yield return "--reject-rcpt";
            yield return rejected;
        }
    }

    /// <summary>A certificate for 127.0.0.1 and localhost, its own CA, valid for a day: made per test, never committed.</summary>
    private static void WriteSelfSignedCertificate(string directory)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=smtp-sink.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        var now = DateTimeOffset.UtcNow;
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        File.WriteAllText(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }

    private static ReceivedMail ReadMail(string file)
    {
        using var envelope = JsonDocument.Parse(File.ReadAllText(Path.ChangeExtension(file, ".json")));
        var root = envelope.RootElement;
        return new ReceivedMail(
            MimeMessage.Load(file),
            root.GetProperty("mail_from").GetString()!,
            root.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!).ToList(),
            root.GetProperty("tls").GetBoolean(),
            root.GetProperty("authenticated").GetBoolean());
    }

    private static void OnLine(string? line, StringBuilder log, TaskCompletionSource<int> listening)
    {
        if (line is null) return;
        lock (log) log.AppendLine(line);
        if (line.StartsWith("listening on ", StringComparison.Ordinal) && int.TryParse(line["listening on ".Length..], out var port))
            listening.TrySetResult(port);
    }

    private static string Read(StringBuilder log)
    {
        lock (log) return log.ToString();
    }
}
