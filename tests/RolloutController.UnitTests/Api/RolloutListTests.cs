using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using RolloutController.Api;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Fakes;
using PolicyBuilder = RolloutController.TestUtilities.Builders.Policies;
using RolloutController.Engine;

namespace RolloutController.UnitTests.Api;

/// <summary>The rollout list pages in flag order with a cursor and filters; bad parameters are all reported.</summary>
public sealed class RolloutListTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Pages_follow_each_other_without_gaps_or_repeats()
    {
        var (rollouts, policies) = Rollouts(250);
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = RolloutListEndpoint.Page(rollouts, policies, new RolloutListQuery(100, after, null, null, null, null), Now);
            page.Total.ShouldBe(250);
            seen.AddRange(page.Rollouts.Select(r => r.Flag));
            after = page.Next;
        }
        while (after is not null);

        seen.ShouldBe(seen.Order(StringComparer.Ordinal).ToList());
        seen.Distinct().Count().ShouldBe(250);
    }

    [Fact]
    public void Filters_combine_and_total_counts_what_matches()
    {
        var (rollouts, policies) = Rollouts(30);
        var page = RolloutListEndpoint.Page(rollouts, policies,
            new RolloutListQuery(100, null, "team-payments", RolloutPhase.Paused, FlagType.Release, null), Now);

        page.Rollouts.ShouldAllBe(r => r.Phase == "Paused" && r.Owner == "team-payments" && r.Type == "release");
        page.Total.ShouldBe(10);
        page.Next.ShouldBeNull();
    }

    [Fact]
    public void Late_lists_only_rollouts_whose_rounds_are_overdue()
    {
        var (rollouts, policies) = Rollouts(3);
        var stale = rollouts.Select((r, i) => i == 1 ? r with { State = r.State with { LastMeasuredAt = Now - TimeSpan.FromMinutes(10) } } : r).ToList();

        var page = RolloutListEndpoint.Page(stale, policies, new RolloutListQuery(100, null, null, null, null, true), Now);

        page.Rollouts.ShouldHaveSingleItem().Flag.ShouldBe("flag-001");
        page.Rollouts[0].OverdueSeconds.ShouldBe(480);
    }

    [Fact]
    public void Every_bad_parameter_is_reported()
    {
        var query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["limit"] = "0", ["phase"] = "Sleeping", ["type"] = "7", ["late"] = "maybe",
        });

        RolloutListQuery.Parse(query, out var errors);

        errors.Count.ShouldBe(4);
        errors[0].ShouldContain("limit");
        errors[1].ShouldContain("'Sleeping'");
        errors[2].ShouldContain("type");
        errors[3].ShouldContain("late");
    }

    private static (List<SeenRollout>, IPolicySource) Rollouts(int count)
    {
        var policies = Enumerable.Range(0, count).Select(i => PolicyBuilder.Default($"flag-{i:000}")).ToList();
        var states = policies.Select((p, i) => new SeenRollout(RolloutState.New(p.Flag.Key, p.Metadata.Name, "rev1", Now) with
        {
            Phase = i % 3 == 0 ? RolloutPhase.Paused : RolloutPhase.Observing, StageIndex = 0, Weight = 1m, LastMeasuredAt = Now,
            HoldCountingSince = Now,
        }, Now - TimeSpan.FromHours(1), null)).Reverse().ToList();
        return (states, new FixedPolicySource(policies));
    }
}
