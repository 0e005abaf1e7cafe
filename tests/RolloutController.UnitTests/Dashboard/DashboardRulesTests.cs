using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using RolloutController.Dashboard;

namespace RolloutController.UnitTests.Dashboard;

public sealed class DashboardRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    [Theory]
    [InlineData(null, "None")]
    [InlineData("2026-12-02", "Overdue")]
    [InlineData("2026-12-03", "DueSoon")]
    [InlineData("2026-12-17", "DueSoon")]
    [InlineData("2026-12-18", "Later")]
    public void A_review_date_is_due_when_past_or_within_fourteen_days(string? date, string expected)
    {
        ReviewDue.Of(date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), Today).ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData("/rollouts/x?a=1", "/rollouts/x?a=1")]
    [InlineData("//evil.example.com/", "/")]
    [InlineData("/\\evil.example.com/", "/")]
    [InlineData("https://evil.example.com/", "/")]
    [InlineData("/x?next=https://evil", "/")]
    [InlineData("", "/")]
    [InlineData(null, "/")]
    public void After_sign_in_only_a_path_of_this_site_is_followed(string? returnUrl, string expected)
    {
        LoginPage.SafeReturn(returnUrl).ShouldBe(expected);
    }

    [Fact]
    public void Every_bad_filter_is_reported_and_left_out()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues> { ["phase"] = "1", ["type"] = "kill", ["due"] = "yes", ["owner"] = " team-a " });

        var filter = FlagFilter.Parse(query, out var errors);

        errors.Count.ShouldBe(3);
        filter.ShouldBe(new FlagFilter(null, "team-a", null, null, false));
    }

    [Fact]
    public void A_flag_without_a_rollout_matches_the_none_phase_only()
    {
        var flag = new FlagRow("kill-switch", null, 0, 0, 0m, null, "ops", "ops", null, false, null);
        var filter = FlagFilter.Parse(new QueryCollection(new Dictionary<string, StringValues> { ["phase"] = "none" }), out _);

        filter.Matches(flag, Today).ShouldBeTrue();
        (filter with { Phase = "Observing" }).Matches(flag, Today).ShouldBeFalse();
    }
}
