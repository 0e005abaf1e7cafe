using RolloutController.Api;
using RolloutController.Cli;
using RolloutController.ConsoleOutput;

namespace RolloutController.UnitTests.Cli;

/// <summary><c>rolloutctl status</c> and <c>list</c> show a scheduled start, a dry run and what the calendar blocks.</summary>
public sealed class GovernanceTextTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 30, 0, TimeSpan.Zero);

    private static RolloutSnapshot Snapshot(RolloutSummary summary, IReadOnlyList<string> blocked) =>
        new(new RolloutDetail(summary, "team-payments", "release", "why", "policies/new-checkout.yaml",
            [new StageView(1, 1m, 600), new StageView(2, 100m, 600)], [], [], [], blocked, []), new RolloutGate(blocked, null));

    private static string Detail(RolloutSnapshot snapshot)
    {
        using var o = new StringWriter();
        RolloutText.Detail(Consoles.Plain(o), snapshot);
        return o.ToString().ReplaceLineEndings("\n");
    }

    private static string List(RolloutSummary summary)
    {
        using var o = new StringWriter();
        RolloutText.List(Consoles.Plain(o), [summary]);
        return o.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public void A_scheduled_rollout_shows_when_it_starts()
    {
        var summary = new RolloutSummary("new-checkout", "new-checkout", "Pending", 0, 2, 0m, null, null, null, null, At, 1,
            ScheduledFor: new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero), ServedWeight: 0m);

        var text = Detail(Snapshot(summary, ["scheduled for Mon 2026-12-07 08:00 UTC"]));

        text.ShouldContain("Scheduled: for 2026-12-07 08:00:00Z\n");
        text.ShouldContain("Blocked:   scheduled for Mon 2026-12-07 08:00 UTC\n");
        List(summary).ShouldContain("scheduled for 2026-12-07 08:00:00Z");
    }

    [Fact]
    public void A_dry_run_says_so_and_what_is_served()
    {
        var summary = new RolloutSummary("new-checkout", "new-checkout", "Observing", 2, 2, 100m, 30, null, At, At, At, 3,
            Mode: "dry-run", ServedWeight: 0m);

        var text = Detail(Snapshot(summary, ["frozen: year-end freeze until Tue 2027-01-05 00:00 UTC"]));

        text.ShouldContain("Mode:      DRY RUN: decides and records on its real schedule; serves 0%, never the stage's weight\n");
        text.ShouldContain("Stage:     2 of 2 at 100% (dry run, serves 0%)");
        text.ShouldContain("Blocked:   frozen: year-end freeze until Tue 2027-01-05 00:00 UTC\n");
        List(summary).ShouldContain("100% (dry run, serves 0%)");
    }
}
