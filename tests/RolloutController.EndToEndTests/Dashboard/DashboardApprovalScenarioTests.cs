using System.Text.Json.Nodes;
using Microsoft.Playwright;
using RolloutController.EndToEndTests.Scenarios;
using RolloutController.TestUtilities.Prometheus;
using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.EndToEndTests.Dashboard;

/// <summary>
/// A release manager approves a stage and includes an excluded segment again from the dashboard in Debian's Chromium,
/// through the real controller process: a real Prometheus scrapes per-plan error counters in which plan "free" is bad,
/// the per-plan guardrail excludes it, the next stage waits for one approval.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class DashboardApprovalScenarioTests(ChromiumFixture chromium) : IClassFixture<ChromiumFixture>
{
    private const string Flag = "plans-checkout";
    private const string Page = $"/rollouts/{Flag}";
    private const string ReleaseManagerToken = "e2e-release-manager-token-0123456789";

    private const string Policy = """
        apiVersion: rollout-controller/v1
        kind: RolloutPolicy
        metadata: { name: plans-checkout, owner: team-checkout, type: ops, reason: per-plan rollout }
        spec:
          flag: { key: plans-checkout }
          stages:
            - { weight: 10, hold: 3s }
            - { weight: 50, hold: 10m }
            - { weight: 100, hold: 10m }
          approvals: { before: [50], required: 1, from: [release-manager] }
          analysis:
            interval: 1s
            guardrails:
              - name: errors-by-plan
                query: >-
                  sum by (plan) (e2e_plan_errors_total{flag="{{ flag }}",variant="on"})
                  / sum by (plan) (e2e_plan_requests_total{flag="{{ flag }}",variant="on"})
                max: 0.05
                by: [plan]
                onSegmentBreach: exclude
          notify: [oncall]
        """;

    [Fact]
    public async Task A_release_manager_approves_the_stage_and_includes_the_excluded_plan_from_the_page()
    {
        var work = Directory.CreateTempSubdirectory("rollout-e2e-").FullName;
        var policies = Directory.CreateDirectory(Path.Combine(work, "policies")).FullName;
        await File.WriteAllTextAsync(Path.Combine(policies, $"{Flag}.yaml"), Policy);
        await using var exporter = await TestExporter.StartAsync();
        SetPlan(exporter, "free", requests: 1_000, errors: 200);
        SetPlan(exporter, "pro", requests: 4_000, errors: 20);
        await using var oncall = await WebhookReceiver.StartAsync();
        await using var prometheus = await PrometheusServer.StartAsync([exporter.MetricsUri]);
        await prometheus.WaitForSeriesAsync("sum by (plan) (e2e_plan_errors_total)", s => s.Count == 2, TimeSpan.FromSeconds(30));
        await using var controller = await ControllerProcess.StartAsync(work, policies, prometheus.BaseUri, oncall.HookUrl, settings: new Dictionary<string, string?>
        {
            ["RolloutController:Api:Tokens:1:Name"] = "e2e-release-manager",
            ["RolloutController:Api:Tokens:1:Token"] = ReleaseManagerToken,
            ["RolloutController:Api:Tokens:1:Roles:0"] = "release-manager",
        });

        // Given a release manager on the rollout's page: plan "free" gets excluded and the next stage waits for approval.
        var page = await chromium.NewPageAsync(controller.BaseUrl);
        await DashboardPages.SignInAsync(page, ReleaseManagerToken, Page);
        var include = page.GetByRole(AriaRole.Button, new() { Name = "Include plan=\"free\"" });
        await Assertions.Expect(include).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#rollout-excluded")).ToContainTextAsync("errors-by-plan");
        var approve = page.GetByRole(AriaRole.Button, new() { Name = "Approve" });
        await Assertions.Expect(approve).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#rollout-state")).ToContainTextAsync("0 of 1 given");

        // When they approve with a reason: the rollout moves on to 50%, shown without a reload.
        await DashboardPages.MarkAsync(page);
        await page.GetByLabel("Reason").FillAsync("payments sign-off");
        await approve.ClickAsync();
        await Assertions.Expect(page.Locator("#action-result")).ToContainTextAsync("Done: approve");
        await DashboardPages.MarkAsync(page);
        JsonNode? last = null;
        await HttpWait.UntilAsync(async () => (last = await controller.StatusAsync(Flag))["rollout"]!["stage"]!.GetValue<int>() == 2,
            TimeSpan.FromSeconds(60), () => $"the approved rollout did not advance; last status:\n{last?.ToJsonString()}\n--- controller log ---\n{controller.Log}");
        await Assertions.Expect(page.Locator("#rollout-state")).ToContainTextAsync("2 of 3", new() { Timeout = 3_000 });
        await DashboardPages.ShouldNotHaveReloadedAsync(page);

        // When plan "free" is healthy again and they include it with a reason.
        SetPlan(exporter, "free", requests: 100_000, errors: 200);
        await prometheus.WaitForSeriesAsync("sum by (plan) (e2e_plan_requests_total{plan=\"free\"})", s => s.Count == 1 && s[0].Value >= 100_000,
            TimeSpan.FromSeconds(30));
        await page.GetByLabel("Reason").FillAsync("free plan fixed in 2.4.1");
        await include.ClickAsync();

        // Then the plan is served again, the history names who and why, and the API agrees.
        await Assertions.Expect(page.Locator("#action-result")).ToContainTextAsync("Done: include");
        await Assertions.Expect(page.Locator("#rollout-excluded")).ToContainTextAsync("None: every segment is in the rollout.");
        await Assertions.Expect(page.Locator("#rollout-history tbody tr").First).ToContainTextAsync("include plan=\"free\": free plan fixed in 2.4.1");
        var status = await controller.StatusAsync(Flag);
        status["excludedSegments"]!.AsArray().Count.ShouldBe(0);
        var history = status["history"]!.AsArray().Select(t => $"{t!["trigger"]} by {t["actor"]}: {t["reason"]}").ToList();
        history.ShouldContain("approve by e2e-release-manager: payments sign-off");
        history.ShouldContain("include by e2e-release-manager: include plan=\"free\": free plan fixed in 2.4.1");
        try { Directory.Delete(work, recursive: true); } catch (IOException) { }
    }

    private static void SetPlan(TestExporter exporter, string plan, double requests, double errors)
    {
        exporter.SetCounter("e2e_plan_requests_total", requests, ("flag", Flag), ("variant", "on"), ("plan", plan));
        exporter.SetCounter("e2e_plan_errors_total", errors, ("flag", Flag), ("variant", "on"), ("plan", plan));
    }
}
