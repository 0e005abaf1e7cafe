using RolloutController.Cli;
using RolloutController.IntegrationTests.Api;
using RolloutController.IntegrationTests.Cli;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.IntegrationTests.Lifecycle;

/// <summary>
/// A <c>kind: Flag</c> document no policy drives (an ops flag) has a lifecycle too: it is in the monthly review, the
/// overdue count of its owner and its owner's reminders, and a release manager records its review — through the real host.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class FlagDocumentLifecycleTests(GuardrailMetricsFixture fixture)
{
    private const string OpsFlag = "search.fallback";

    private const string FlagYaml = """
        apiVersion: rollout-controller/v1
        kind: Flag
        metadata:
          name: search-fallback
          owner: team-discovery
          type: ops
          reason: Serve cached results when the search cluster degrades
          removal:
            criterion: kept while search has no second cluster
            reviewBy: 2026-01-01
        spec:
          key: search.fallback
          variants: { live: true, cached: false }
          defaultVariant: live
          fallthrough: { variant: live }
        """;

    [Fact]
    public async Task An_ops_flag_without_a_policy_is_reviewed_counted_and_reminded_like_any_flag()
    {
        await using var chat = await WebhookReceiver.StartAsync();
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("some-rollout")], setup => setup with
        {
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:Notifications:Routes:discovery-chat:0:Type"] = "webhook",
                ["RolloutController:Notifications:Routes:discovery-chat:0:Url"] = chat.HookUrl.ToString(),
                ["RolloutController:Notifications:Routes:discovery-chat:0:Secret"] = "whsec_test_0123456789abcdef",
                ["RolloutController:Notifications:OwnerRoutes:team-discovery:Warning:0"] = "discovery-chat",
            },
        });
        await File.WriteAllTextAsync(Path.Combine(controller.PoliciesDirectory, "search-fallback.yaml"), FlagYaml);

        static bool IsReminder(ReceivedRequest r) => r.Json().GetProperty("kind").GetString() == "review_due";
        var reminded = await chat.WaitForAsync(r => r.Any(IsReminder), TimeSpan.FromSeconds(30));
        var notice = reminded.First(IsReminder).Json();
        notice.GetProperty("flag").GetProperty("key").GetString().ShouldBe(OpsFlag);
        notice.GetProperty("summary").GetString()!.ShouldStartWith($"'{OpsFlag}' is overdue for review: review by 2026-01-01");
        (await controller.Client.GetStringAsync("metrics")).ShouldContain("rollout_controller_flags_review_overdue{owner=\"team-discovery\"} 1");

        var review = await CliResult.RunAsync(["review", "--owner", "team-discovery", "--server", controller.BaseUri.ToString(), "--token", TestTokens.Viewer]);
        review.Exit.ShouldBe(ExitCodes.Ok, review.ToString());
        var line = review.Stdout.Split('\n').Single(l => l.StartsWith(OpsFlag, StringComparison.Ordinal));
        line.ShouldContain("ops");
        line.ShouldContain("no rollout");
        line.ShouldContain("2026-01-01 OVERDUE");

        var decided = await CliResult.RunAsync(["review", "decide", OpsFlag, "extend", "--until", "2099-03-31", "--reason", "second cluster next year",
            "--server", controller.BaseUri.ToString(), "--token", TestTokens.Operator]);
        decided.Exit.ShouldBe(ExitCodes.Ok, decided.ToString());
        var cleared = "";
        for (var i = 0; i < 100 && !cleared.Contains("rollout_controller_flags_review_overdue{owner=\"team-discovery\"} 0", StringComparison.Ordinal); i++)
        {
            await Task.Delay(100);
            cleared = await controller.Client.GetStringAsync("metrics");
        }
        cleared.ShouldContain("rollout_controller_flags_review_overdue{owner=\"team-discovery\"} 0");
        chat.Requests.Count(IsReminder).ShouldBe(1);
    }
}
