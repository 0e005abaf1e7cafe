using RolloutController.Rollouts;
using PolicyBuilder = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>Rounds spread over the interval by flag key, on a grid every replica computes alike; lateness past one interval of grace.</summary>
public sealed class RoundClockTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Offsets_of_many_rollouts_spread_evenly_over_the_interval()
    {
        var buckets = new int[10];
        for (var i = 0; i < 10_000; i++)
        {
            var offset = RoundClock.Offset($"flag-{i}", Minute);
            offset.ShouldBeInRange(TimeSpan.Zero, Minute - TimeSpan.FromTicks(1));
            buckets[(int)(offset.Ticks * 10 / Minute.Ticks)]++;
        }
        // Each tenth of the interval gets about a tenth of the rounds: no burst at the top of the interval.
        buckets.ShouldAllBe(count => count > 850 && count < 1150);
    }

    [Fact]
    public void The_grid_is_the_same_whenever_it_is_computed()
    {
        var first = RoundClock.FirstDueAt("checkout", Minute, Now);
        first.ShouldBeGreaterThanOrEqualTo(Now);
        (first - Now).ShouldBeLessThan(Minute);
        // Computed later (another replica, a restart) it falls on the same grid.
        var later = RoundClock.FirstDueAt("checkout", Minute, Now + TimeSpan.FromSeconds(3661.5));
        ((later - first).Ticks % Minute.Ticks).ShouldBe(0);
        RoundClock.FirstDueAt("checkout", Minute, first).ShouldBe(first, "an instant on the grid is due itself");
    }

    [Fact]
    public void Different_flags_fall_at_different_offsets()
    {
        var offsets = Enumerable.Range(0, 100).Select(i => RoundClock.Offset($"f{i}", Minute)).Distinct().Count();
        offsets.ShouldBeGreaterThan(95);
    }

    [Fact]
    public void The_next_round_is_the_next_grid_slot_or_the_end_of_the_hold_when_sooner()
    {
        var policy = PolicyBuilder.Default("checkout", interval: Minute);
        var state = Observing(policy, holdServed: policy.Stages[0].Hold - TimeSpan.FromSeconds(5));

        RoundClock.NextDueAt(policy, state, Now).ShouldBe(Now + TimeSpan.FromSeconds(5), "the gate round comes first");

        var fresh = Observing(policy, holdServed: TimeSpan.Zero);
        var next = RoundClock.NextDueAt(policy, fresh, Now)!.Value;
        next.ShouldBeGreaterThan(Now);
        next.ShouldBe(RoundClock.FirstDueAt("checkout", Minute, Now + TimeSpan.FromTicks(1)));

        RoundClock.NextDueAt(policy, fresh with { Phase = RolloutPhase.Completed }, Now).ShouldBeNull("a finished rollout needs no rounds");
    }

    [Fact]
    public void A_rollout_is_overdue_only_once_a_whole_interval_passed_beyond_the_round_that_was_due()
    {
        var policy = PolicyBuilder.Default("checkout", interval: Minute);
        var state = Observing(policy, holdServed: TimeSpan.Zero) with { LastMeasuredAt = Now };
        var watched = Now - TimeSpan.FromHours(1);

        RoundClock.Overdue(policy, state, watched, Now + TimeSpan.FromSeconds(90)).ShouldBe(TimeSpan.Zero, "due at +1m, late by 30 s: within grace");
        RoundClock.Overdue(policy, state, watched, Now + TimeSpan.FromSeconds(120)).ShouldBe(TimeSpan.Zero);
        RoundClock.Overdue(policy, state, watched, Now + TimeSpan.FromSeconds(150)).ShouldBe(TimeSpan.FromSeconds(30));
        RoundClock.Overdue(policy, state with { Phase = RolloutPhase.RolledBack }, watched, Now + TimeSpan.FromHours(1))
            .ShouldBe(TimeSpan.Zero, "a rolled-back rollout needs no rounds");
    }

    [Fact]
    public void Downtime_before_the_controller_watched_the_rollout_is_not_lateness()
    {
        var policy = PolicyBuilder.Default("checkout", interval: Minute);
        var state = Observing(policy, holdServed: TimeSpan.Zero) with { LastMeasuredAt = Now - TimeSpan.FromHours(5) };

        RoundClock.Overdue(policy, state, watchedSince: Now, Now + TimeSpan.FromSeconds(30)).ShouldBe(TimeSpan.Zero);
        RoundClock.Overdue(policy, state, watchedSince: Now, Now + TimeSpan.FromMinutes(3)).ShouldBe(Minute);
    }

    private static RolloutState Observing(RolloutController.Policies.RolloutPolicy policy, TimeSpan holdServed) =>
        RolloutState.New(policy.Flag.Key, policy.Metadata.Name, "rev1", Now) with
        {
            Phase = RolloutPhase.Observing, StageIndex = 0, Weight = 1m, StageStartedAt = Now - holdServed,
            HoldServed = holdServed, HoldCountingSince = Now,
        };
}
