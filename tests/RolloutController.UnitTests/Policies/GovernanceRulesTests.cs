using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

/// <summary>Rules for <c>spec.windows</c>, <c>spec.startAt</c> and <c>spec.mode</c>, each problem at its value.</summary>
public sealed class GovernanceRulesTests
{
    private const string Notify = "  notify: [oncall-payments]\n";

    private static string WithSpec(string lines) => PolicyYaml.With(Notify, Notify + lines);

    [Fact]
    public void Windows_a_scheduled_start_and_dry_run_are_read()
    {
        var policy = PolicyYaml.Load(WithSpec(
            "  windows: ['Mon-Thu 09:00-16:00 Europe/Berlin', 'Fri 10:00-12:00 UTC']\n  startAt: 2026-12-07T09:00+01:00\n  mode: dry-run\n"))
            .Policies.ShouldHaveSingleItem();

        policy.Governance.Windows.Select(w => w.Text).ShouldBe(["Mon-Thu 09:00-16:00 Europe/Berlin", "Fri 10:00-12:00 UTC"]);
        policy.Governance.Windows[0].Zone.Id.ShouldBe("Europe/Berlin");
        policy.Governance.StartAt.ShouldBe(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero));
        policy.Governance.DryRun.ShouldBeTrue();
    }

    [Fact]
    public void A_policy_that_says_nothing_is_live_starts_at_once_and_advances_at_any_time()
    {
        var policy = PolicyYaml.Load(PolicyYaml.Valid).Policies.ShouldHaveSingleItem();

        policy.Governance.Windows.ShouldBeEmpty();
        policy.Governance.StartAt.ShouldBeNull();
        policy.Governance.Mode.ShouldBe(RolloutMode.Live);
    }

    [Theory]
    [InlineData("  windows: ['Mon-Thu 09:00-16:00 Europe/Atlantis']\n", "spec.windows[0]", 26, 13,
        "unknown time zone 'Europe/Atlantis': use an IANA name such as Europe/Berlin, America/New_York or UTC")]
    [InlineData("  windows: ['Mon-Thu 16:00-09:00 Europe/Berlin']\n", "spec.windows[0]", 26, 13,
        "the window must end after it starts on the same day, got 16:00-09:00 (for a window past midnight write two, e.g. 'Fri 22:00-24:00 …' and 'Sat 00:00-02:00 …')")]
    [InlineData("  windows: ['Mon-Thu 09:00-16:00 Europe/Berlin', 'Weekdays 9-5']\n", "spec.windows[1]", 26, 50,
        "'Weekdays 9-5' is not a release window: write DAYS HH:MM-HH:MM ZONE, e.g. 'Mon-Thu 09:00-16:00 Europe/Berlin'")]
    [InlineData("  windows: []\n", "spec.windows", 26, 12, "must list at least one window (omit the field to allow advancing at any time)")]
    [InlineData("  startAt: 2026-12-07T09:00\n", "spec.startAt", 26, 12,
        "'2026-12-07T09:00' is not a time with its offset: write YYYY-MM-DDTHH:MM followed by Z or an offset, e.g. 2026-12-07T09:00+01:00")]
    [InlineData("  startAt: next monday\n", "spec.startAt", 26, 12,
        "'next monday' is not a time with its offset: write YYYY-MM-DDTHH:MM followed by Z or an offset, e.g. 2026-12-07T09:00+01:00")]
    [InlineData("  mode: shadow\n", "spec.mode", 26, 9, "'shadow' is not one of: live, dry-run")]
    public void Bad_governance_is_reported_at_its_value(string lines, string path, int line, int column, string message) =>
        PolicyYaml.SingleError(WithSpec(lines)).ShouldBe(new(PolicyYaml.File, line, column, path, message));
}
