using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Telemetry;

/// <summary>
/// No configured secret reaches a log line at any level: the Slack webhook URL (its path is the credential), a webhook
/// signing secret, the API tokens and the Prometheus bearer token, while the controller delivers notifications, queries
/// Prometheus and serves API requests with every log category at Trace.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class SecretsInLogsTests(GuardrailMetricsFixture fixture)
{
    private const string Flag = "secret-logs";
    private const string SlackPath = "services/T0SECRET/B0SECRET/slack-path-secret-0123456789";
    private const string WebhookSecret = "webhook-signing-secret-0123456789";
    private const string PrometheusToken = "prometheus-bearer-secret-0123456789";

    [Fact]
    public async Task No_configured_secret_appears_in_any_log_line_at_any_level()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var slackUrl = new Uri(receiver.BaseUrl, SlackPath);
        var log = new AllLevelsLog();
        await fixture.Metrics.SetHealthyAsync(Flag);
        var policy = TestPolicy.FourStages(Flag) with { Notify = ["oncall"] };
        string[] secrets = [slackUrl.ToString(), SlackPath, "slack-path-secret-0123456789", WebhookSecret, PrometheusToken, TestTokens.Operator, TestTokens.Viewer];

        await using (var controller = await fixture.Metrics.StartControllerAsync([policy], setup => setup with
        {
            Overrides = new Dictionary<string, string?>
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
            },
            ConfigureServices = services => services.AddLogging(b => b.AddProvider(log)),
        }))
        {
            // The start notice reaches both channels; a pause through the API sends another.
            await receiver.WaitForAsync(r => r.Count >= 2, TimeSpan.FromSeconds(30));
            (await controller.Api.CommandOkAsync(Flag, "pause", "checking the logs")).ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Undefined);
            using (var refused = await controller.Api.CommandAsync(Flag, "resume", TestTokens.Viewer, "not allowed"))
                refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            using (var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/rollouts"))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Viewer);
                (await controller.Client.SendAsync(request)).Dispose();
            }
            (await controller.Api.EvaluateAsync(Flag, "user-1")).ShouldBeOfType<bool>();
            await receiver.WaitForAsync(r => r.Count >= 4, TimeSpan.FromSeconds(30));
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
