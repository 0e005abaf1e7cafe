using System.Net;
using System.Text.Json;
using RolloutController.Cli;
using RolloutController.IntegrationTests.Api;
using RolloutController.IntegrationTests.Cli;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Lifecycle;

/// <summary>
/// Review dates and removal criteria in status and the API, the monthly review, decisions recorded in the audit log,
/// overdue counts by owner in <c>/metrics</c>, and the validation warning on a past review date — through the real host.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class LifecycleReviewTests(GuardrailMetricsFixture fixture) : IAsyncLifetime
{
    private const string Overdue = "overdue-flag";
    private const string Current = "current-flag";
    private RunningController _controller = null!;

    public async Task InitializeAsync() => _controller = await fixture.Metrics.StartControllerAsync(
    [
        TestPolicy.FourStages(Overdue) with { Owner = "team-payments", ReviewBy = "2026-01-01" },
        TestPolicy.FourStages(Current) with { Owner = "team-payments" },
    ]);

    public async Task DisposeAsync() => await _controller.DisposeAsync();

    private Task<CliResult> CliAsync(string token, params string[] args) =>
        CliResult.RunAsync([.. args, "--server", _controller.BaseUri.ToString(), "--token", token]);

    private async Task<string> WaitForMetricAsync(string line)
    {
        var text = "";
        for (var i = 0; i < 100 && !text.Contains(line, StringComparison.Ordinal); i++)
        {
            text = await _controller.Client.GetStringAsync("metrics");
            if (!text.Contains(line, StringComparison.Ordinal)) await Task.Delay(100);
        }
        return text;
    }

    [Fact]
    public async Task An_overdue_flag_shows_in_status_the_api_the_review_and_metrics_until_a_release_manager_extends_it()
    {
        var lifecycle = (await _controller.Api.GetRolloutAsync(Overdue)).GetProperty("lifecycle");
        (lifecycle.GetProperty("reviewBy").GetString(), lifecycle.GetProperty("criterion").GetString()).ShouldBe(("2026-01-01", "at 100% for a day"));
        (lifecycle.GetProperty("overdue").GetBoolean(), lifecycle.GetProperty("lifetime").GetString(), lifecycle.GetProperty("suggested").GetString())
            .ShouldBe((true, "14d", "extend"));
        (await WaitForMetricAsync("rollout_controller_flags_review_overdue{owner=\"team-payments\"} 1")).ShouldContain("rollout_controller_flags_stale{owner=\"team-payments\"} 0");

        var status = await CliAsync(TestTokens.Viewer, "status", Overdue);
        status.Stdout.ShouldContain("Review:    by 2026-01-01 (OVERDUE) · lifetime 14d · when: at 100% for a day · suggested: extend");

        var review = await CliAsync(TestTokens.Viewer, "review", "--owner", "team-payments");
        review.Exit.ShouldBe(ExitCodes.Ok, review.ToString());
        var lines = review.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("FLAG");
        lines[1].ShouldStartWith(Overdue);
        lines[1].ShouldContain("2026-01-01 OVERDUE");
        lines[2].ShouldStartWith(Current);

        var refused = await CliAsync(TestTokens.OnCall, "review", "decide", Overdue, "extend", "--until", "2099-06-30", "--reason", "still ramping");
        refused.Exit.ShouldBe(ExitCodes.Unauthorized);
        refused.Stderr.ShouldContain("it needs the 'release-manager' role for team-payments (or every owner); it holds operator for every owner");

        var decided = await CliAsync(TestTokens.Operator, "review", "decide", Overdue, "extend", "--until", "2099-06-30", "--reason", "waiting for the mobile release");
        decided.Exit.ShouldBe(ExitCodes.Ok, decided.ToString());
        decided.Stdout.ShouldContain("by 2099-06-30 · lifetime 14d");
        decided.Stdout.ShouldContain($"decided extend until 2099-06-30 by {TestTokens.OperatorName}");

        (await _controller.Api.GetRolloutAsync(Overdue)).GetProperty("lifecycle").GetProperty("overdue").GetBoolean().ShouldBeFalse();
        await WaitForMetricAsync("rollout_controller_flags_review_overdue{owner=\"team-payments\"} 0");
        var audit = await CliAsync(TestTokens.Admin, "audit", "export");
        var entry = audit.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("action").GetString() == "review-decide");
        (entry.GetProperty("subject").GetString(), entry.GetProperty("role").GetString(), entry.GetProperty("before").GetString(), entry.GetProperty("after").GetString())
            .ShouldBe(($"flag/{Overdue}", "release-manager", "review by 2026-01-01", "extend until 2099-06-30"));
        entry.GetProperty("reason").GetString().ShouldBe("waiting for the mobile release");
    }

    [Fact]
    public async Task Only_the_three_verdicts_exist_and_extend_needs_a_future_date()
    {
        (await CliAsync(TestTokens.Operator, "review", "decide", Current, "archive", "--reason", "x")).Exit.ShouldBe(ExitCodes.Usage);
        (await CliAsync(TestTokens.Operator, "review", "decide", Current, "extend", "--reason", "x")).Exit.ShouldBe(ExitCodes.Usage);
        var past = await CliAsync(TestTokens.Operator, "review", "decide", Current, "extend", "--until", "2020-01-01", "--reason", "x");
        past.Exit.ShouldBe(ExitCodes.Failed);
        past.Stderr.ShouldContain("until 2020-01-01 must be after today");

        var promoted = await CliAsync(TestTokens.Operator, "review", "decide", Current, "promote-to-ops", "--reason", "kept as a kill switch");
        promoted.Exit.ShouldBe(ExitCodes.Ok, promoted.ToString());
        var lifecycle = (await _controller.Api.GetRolloutAsync(Current)).GetProperty("lifecycle");
        (lifecycle.GetProperty("type").GetString(), lifecycle.GetProperty("decision").GetProperty("verdict").GetString()).ShouldBe(("ops", "promote-to-ops"));
    }

    [Fact]
    public async Task Validation_warns_on_a_past_review_date_and_the_files_stay_valid()
    {
        var result = await CliResult.RunAsync("validate", _controller.PoliciesDirectory);

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Stdout.ShouldEndWith("2 policies in 2 files, all valid (1 warning)\n");
        result.Stderr.ShouldContain($"warning: metadata.removal.reviewBy: reviewBy 2026-01-01 of '{Overdue}' is in the past");
        result.Stderr.ShouldNotContain($"of '{Current}'");
    }
}
