using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Rollouts;

public sealed class DigestRuleTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void Only_info_advances_on_a_route_with_a_period_are_held()
    {
        DigestRule.Holds(NoticeKind.Advanced, NoticeSeverity.Info, Hour).ShouldBeTrue();
        DigestRule.Holds(NoticeKind.Advanced, NoticeSeverity.Info, null).ShouldBeFalse();
        DigestRule.Holds(NoticeKind.Completed, NoticeSeverity.Info, Hour).ShouldBeFalse();
        DigestRule.Holds(NoticeKind.Started, NoticeSeverity.Info, Hour).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Critical")]
    [InlineData("Warning")]
    public void Warnings_and_critical_notices_are_never_held(string severity)
    {
        foreach (var kind in Enum.GetValues<NoticeKind>())
            DigestRule.Holds(kind, Enum.Parse<NoticeSeverity>(severity), Hour).ShouldBeFalse(kind.ToString());
    }

    [Fact]
    public void Periods_are_aligned_to_the_epoch_and_the_digest_is_due_a_grace_after_the_end()
    {
        var at = new DateTimeOffset(2026, 11, 3, 14, 37, 12, TimeSpan.Zero);

        DigestRule.PeriodStart(at, Hour).ShouldBe(new DateTimeOffset(2026, 11, 3, 14, 0, 0, TimeSpan.Zero));
        DigestRule.PeriodStart(at.ToOffset(TimeSpan.FromHours(2)), TimeSpan.FromMinutes(15)).ShouldBe(new DateTimeOffset(2026, 11, 3, 14, 30, 0, TimeSpan.Zero));
        DigestRule.DueAt(at, Hour).ShouldBe(new DateTimeOffset(2026, 11, 3, 15, 0, 30, TimeSpan.Zero));
        DigestRule.DueAt(new DateTimeOffset(2026, 11, 3, 15, 0, 0, TimeSpan.Zero), Hour).ShouldBe(new DateTimeOffset(2026, 11, 3, 16, 0, 30, TimeSpan.Zero));
    }

    [Fact]
    public void The_digest_id_depends_on_route_period_and_notices_but_not_their_order()
    {
        var start = new DateTimeOffset(2026, 11, 3, 14, 0, 0, TimeSpan.Zero);
        var id = DigestRule.Id("slack-releases", start, ["b", "a"]);

        DigestRule.Id("Slack-Releases", start, ["a", "b"]).ShouldBe(id);
        DigestRule.Id("slack-payments", start, ["a", "b"]).ShouldNotBe(id);
        DigestRule.Id("slack-releases", start + Hour, ["a", "b"]).ShouldNotBe(id);
        DigestRule.Id("slack-releases", start, ["a", "b", "c"]).ShouldNotBe(id);
        id.ShouldStartWith("digest-");
    }
}
