using System.Net;
using System.Text.Json;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Dashboard;

/// <summary>The dashboard's pages show what the store holds: plan, guardrail charts from stored measurements, rounds, history, policy errors.</summary>
[Collection(ControllerCollection.Name)]
public sealed class DashboardPagesTests(GuardrailMetricsFixture fixture)
{
    private const string Flag = "dash-pages";

    [Fact]
    public async Task The_rollout_page_charts_each_guardrail_against_its_bound_and_lists_rounds_and_history()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)]);
        await controller.Api.WaitForRolloutAsync(Flag, d => d.GetProperty("guardrails")[0].GetProperty("last").ValueKind == JsonValueKind.Object,
            TimeSpan.FromSeconds(15), "a first measurement");
        using var browser = new DashboardClient(controller);

        var (status, html, _) = await browser.GetAsync($"/rollouts/{Flag}");

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain($"<title>{Flag} · RolloutController</title>");
        html.ShouldContain("stage 1: current");
        html.ShouldContain("stage 2: to come");
        html.ShouldContain("<svg class=\"chart\" id=\"chart-0\"");
        html.ShouldContain("<line class=\"bound\"");
        html.ShouldContain("max 0.01");
        html.ShouldContain("error-rate, value over");
        html.ShouldContain("<table class=\"rounds\">");
        html.ShouldContain("<span class=\"badge verdict-pass\">pass</span>");
        html.ShouldContain("<td>start</td>");
        html.ShouldContain("<td>controller</td>");
        html.ShouldContain("None: every segment is in the rollout.");
    }

    [Fact]
    public async Task An_unknown_rollout_is_a_404_page()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)]);
        using var browser = new DashboardClient(controller);

        var (status, html, _) = await browser.GetAsync("/rollouts/no-such-flag");

        status.ShouldBe(HttpStatusCode.NotFound);
        html.ShouldContain("No policy in force rolls out flag 'no-such-flag'.");
    }

    [Fact]
    public async Task The_policies_page_lists_validation_errors_with_file_line_and_field()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)]);
        await File.WriteAllTextAsync(Path.Combine(controller.PoliciesDirectory, "broken.yaml"),
            TestPolicy.FourStages("broken").Render().Replace("owner: team-test", "owner: ''", StringComparison.Ordinal));
        using var browser = new DashboardClient(controller);

        var html = "";
        for (var i = 0; i < 50 && !html.Contains("broken.yaml", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            (_, html, _) = await browser.GetAsync("/policies");
        }

        html.ShouldContain("1 error: the files named keep their previous valid version in force");
        html.ShouldContain("broken.yaml:");
        html.ShouldContain("<code>metadata.owner</code>");
        html.ShouldContain($"<a href=\"/rollouts/{Flag}\">{Flag}</a>");
    }

    [Fact]
    public async Task Filters_narrow_the_list_and_a_bad_filter_is_reported()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag), TestPolicy.FourStages("dash-other")]);
        using var browser = new DashboardClient(controller);

        var (_, filtered, _) = await browser.GetAsync("/?q=other&phase=Observing&type=release");
        filtered.ShouldContain("1 of 2 flags shown");
        filtered.ShouldContain("dash-other");
        filtered.ShouldNotContain($"/rollouts/{Flag}\"");

        var (status, bad, _) = await browser.GetAsync("/?phase=Sideways");
        status.ShouldBe(HttpStatusCode.OK);
        bad.ShouldContain("phase must be one of Pending, Observing, Paused, Completed, RolledBack, Aborted or none (was &#x27;Sideways&#x27;)");
        bad.ShouldContain("2 of 2 flags shown");

        var (_, due, _) = await browser.GetAsync("/review");
        due.ShouldContain("No flag is due for review.");
    }
}
