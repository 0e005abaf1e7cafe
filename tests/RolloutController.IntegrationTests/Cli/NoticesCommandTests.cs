using System.Text.Json;
using RolloutController.Cli;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Prometheus;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Cli;

/// <summary>An abandoned notice is kept, listed by <c>rolloutctl notices</c>, and sent again by <c>rolloutctl notices retry</c> under the same id.</summary>
public sealed class NoticesCommandTests
{
    private const string Secret = "whsec_cli_0123456789abcdef";

    [Fact]
    public async Task An_abandoned_notice_is_listed_and_sent_again_on_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(1, 400); // a permanent error: abandoned at once
        await using var prometheus = await StubHttpServer.StartAsync();
        prometheus.Respond(StubResponse.Json("""{"status":"success","data":{"resultType":"vector","result":[]}}"""));
        await using var controller = await RunningController.StartAsync(new ControllerSetup
        {
            Policies = [TestPolicy.FourStages("noticed") with { Notify = ["oncall"] }],
            PrometheusUrl = prometheus.BaseUri,
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:Notifications:Routes:oncall:0:Type"] = "webhook",
                ["RolloutController:Notifications:Routes:oncall:0:Url"] = receiver.HookUrl.ToString(),
                ["RolloutController:Notifications:Routes:oncall:0:Secret"] = Secret,
            },
        });
        var server = controller.BaseUri.ToString();

        CliResult listed = null!;
        for (var i = 0; i < 100; i++)
        {
            listed = await CliResult.RunAsync("notices", "--status", "abandoned", "--server", server);
            if (listed.Exit == ExitCodes.Failed) break;
            await Task.Delay(100);
        }
        listed.Exit.ShouldBe(ExitCodes.Failed, "an abandoned notice makes `notices` exit 1\n" + listed);
        listed.Stdout.ShouldContain("noticed");
        listed.Stdout.ShouldContain("HTTP 400");

        var retry = await CliResult.RunAsync("notices", "retry", "--reason", "receiver fixed", "--server", server, "--token", TestTokens.Operator);
        retry.Exit.ShouldBe(ExitCodes.Ok, retry.ToString());
        retry.Stdout.ShouldContain("1 abandoned notice deliveries are pending again");

        var requests = await receiver.WaitForAsync(r => r.Any(x => x.RespondedWith == 200), TimeSpan.FromSeconds(15));
        requests.Select(r => r.Header("X-RolloutController-Delivery")).Distinct().ShouldHaveSingleItem("the same notice, the same id");
        // The receiver answers before the controller records the delivery: the record follows shortly after.
        JsonElement notice = default;
        for (var i = 0; i < 100; i++)
        {
            var json = await CliResult.RunAsync("notices", "-o", "json", "--server", server);
            json.Exit.ShouldBe(ExitCodes.Ok, json.ToString());
            notice = JsonDocument.Parse(json.Stdout).RootElement.EnumerateArray().ShouldHaveSingleItem();
            if (notice.GetProperty("status").GetString() == "delivered") break;
            await Task.Delay(100);
        }
        notice.GetProperty("status").GetString().ShouldBe("delivered");
        notice.GetProperty("attempts").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Retry_needs_an_operator_token_and_a_reason()
    {
        await using var controller = await RunningController.StartAsync(new ControllerSetup());
        var server = controller.BaseUri.ToString();

        (await CliResult.RunAsync("notices", "retry", "--reason", "x", "--server", server)).Exit.ShouldBe(ExitCodes.Unauthorized);
        (await CliResult.RunAsync("notices", "retry", "--reason", "x", "--server", server, "--token", TestTokens.Viewer)).Exit.ShouldBe(ExitCodes.Unauthorized);
        (await CliResult.RunAsync("notices", "retry", "--server", server, "--token", TestTokens.Operator)).Exit.ShouldBe(ExitCodes.Usage);
    }
}
