using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Smtp;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Telemetry;

/// <summary>
/// No configured secret reaches a log line at any level: the Slack webhook URL (its path is the credential), the Teams
/// workflow URL (its query's signature), a webhook signing secret, the SMTP password, the API tokens and the Prometheus
/// bearer token, while the controller delivers notifications, queries
/// Prometheus and serves API requests with every log category at Trace.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class SecretsInLogsTests(GuardrailMetricsFixture fixture)
{
    private const string Flag = "secret-logs";
    private const string SlackPath = "services/T0SECRET/B0SECRET/slack-path-secret-0123456789";
    private const string WebhookSecret = "webhook-signing-secret-0123456789";
    private const string PrometheusToken = "prometheus-bearer-secret-0123456789";
    private const string TeamsSignature = "teams-sig-secret-0123456789";
    private const string SmtpPassword = "smtp-password-secret-0123456789";

    [Fact]
    public async Task No_configured_secret_appears_in_any_log_line_at_any_level()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var smtp = await SmtpSink.StartAsync(new SmtpSinkOptions { Security = SmtpSecurity.StartTls, User = "rollouts", Password = SmtpPassword });
        var slackUrl = new Uri(receiver.BaseUrl, SlackPath);
        var teamsUrl = new Uri(receiver.BaseUrl, $"workflows/1/triggers/manual/paths/invoke?api-version=1&sig={TeamsSignature}");
        var log = new AllLevelsLog();
        await fixture.Metrics.SetHealthyAsync(Flag);
        var policy = TestPolicy.FourStages(Flag) with { Notify = ["oncall"] };
        string[] secrets = [slackUrl.ToString(), SlackPath, "slack-path-secret-0123456789", WebhookSecret, PrometheusToken, TestTokens.Operator,
            TestTokens.Viewer, TeamsSignature, SmtpPassword];

        await using (var controller = await fixture.Metrics.StartControllerAsync([policy], setup => setup with
        {
            Overrides = new Dictionary<string, string?>(smtp.ChannelSettings("oncall", 3, "oncall@example.com"))
            {
                ["Logging:LogLevel:Default"] = "Trace",
                ["Logging:LogLevel:Microsoft"] = "Trace",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
                ["Logging:LogLevel:System"] = "Trace",
                ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
                ["Logging:LogLevel:Quartz"] = "Trace",
                ["RolloutController:Prometheus:BearerToken"] = PrometheusToken,
                ["RolloutController:Notifications:Routes:oncall:0:Type"] = "slack",
                ["RolloutController:Notifications:Routes:oncall:0:Url"] = slackUrl.ToString(),
                ["RolloutController:Notifications:Routes:oncall:1:Type"] = "webhook",
                ["RolloutController:Notifications:Routes:oncall:1:Url"] = receiver.HookUrl.ToString(),
                ["RolloutController:Notifications:Routes:oncall:1:Secret"] = WebhookSecret,
                ["RolloutController:Notifications:Routes:oncall:2:Type"] = "teams",
                ["RolloutController:Notifications:Routes:oncall:2:Url"] = teamsUrl.ToString(),
            },
            ConfigureServices = services => services.AddLogging(b => b.AddProvider(log)),
        }))
        {
            // The start notice reaches every channel; a pause through the API sends another.
            await receiver.WaitForAsync(r => r.Count >= 3, TimeSpan.FromSeconds(30));
            await smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(30));
            (await controller.Api.CommandOkAsync(Flag, "pause", "checking the logs")).ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Undefined);
            using (var refused = await controller.Api.CommandAsync(Flag, "resume", TestTokens.Viewer, "not allowed"))
                refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            using (var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/rollouts"))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Viewer);
                (await controller.Client.SendAsync(request)).Dispose();
            }
            (await controller.Api.EvaluateAsync(Flag, "user-1")).ShouldBeOfType<bool>();
            await receiver.WaitForAsync(r => r.Count >= 6, TimeSpan.FromSeconds(30));
            await smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(30));
            await controller.Api.WaitForRolloutAsync(Flag, d => d.GetProperty("guardrails")[0].GetProperty("last").ValueKind != System.Text.Json.JsonValueKind.Null,
                TimeSpan.FromSeconds(30), "a measurement with the bearer token");
        }

        var entries = log.Entries;
        entries.ShouldContain(e => e.Level == LogLevel.Trace, "every category was at Trace");
        entries.ShouldContain(e => e.Category == "System.Net.Http.HttpClient.notifications.Redacted" &&
            e.Text.StartsWith($"HTTP POST http://127.0.0.1:{receiver.BaseUrl.Port} answered 200", StringComparison.Ordinal), "deliveries are still logged, by origin");
        entries.ShouldContain(e => e.Category == "System.Net.Http.HttpClient.IMetricsProvider.Redacted" &&
            e.Text.StartsWith($"HTTP POST http://127.0.0.1:{fixture.Metrics.Url.Port} answered 200", StringComparison.Ordinal), "queries are still logged, by origin");
        var leaks = entries.Where(e => secrets.Any(s => e.Text.Contains(s, StringComparison.Ordinal))).Select(e => $"{e.Level} {e.Category}: {e.Text}").ToList();
        leaks.ShouldBeEmpty();
    }
}
