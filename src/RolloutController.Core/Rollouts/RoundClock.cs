using System.Text;
using RolloutController.Bucketing;
using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>
/// When a rollout's measurement rounds are due, and how late one is. Pure: the scheduler, the round pipeline, the lateness
/// check and the API views all ask here.
/// </summary>
/// <remarks>
/// Rounds are spread over the interval: each rollout's rounds fall at a fixed offset within the interval, derived from a
/// hash of its flag key. Load is even (no burst at the top of every interval), no rollout is systematically served last,
/// and every replica and every restart computes the same schedule.
/// </remarks>
internal static class RoundClock
{
    /// <summary>The offset of <paramref name="flagKey"/>'s rounds within each <paramref name="interval"/>, in [0, interval).</summary>
    public static TimeSpan Offset(string flagKey, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var hash = MurmurHash3.Hash32(Encoding.UTF8.GetBytes(flagKey));
        // Scale the 32-bit hash onto the interval's ticks (as bucketing scales it onto 100,000 buckets).
        return TimeSpan.FromTicks((long)(((UInt128)hash * (ulong)interval.Ticks) >> 32));
    }

    /// <summary>
    /// The first instant at or after <paramref name="now"/> that lies on the rollout's grid: Unix epoch + offset + k × interval.
    /// </summary>
    public static DateTimeOffset FirstDueAt(string flagKey, TimeSpan interval, DateTimeOffset now)
    {
        var offset = Offset(flagKey, interval).Ticks;
        var sinceEpoch = (now - DateTimeOffset.UnixEpoch).Ticks - offset;
        var slots = sinceEpoch <= 0 ? 0 : (sinceEpoch + interval.Ticks - 1) / interval.Ticks;
        return DateTimeOffset.UnixEpoch + TimeSpan.FromTicks(offset + slots * interval.Ticks);
    }

    /// <summary>
    /// The next instant after <paramref name="now"/> a round of this rollout is due: its next slot on the grid, or the end of
    /// the current hold when that comes first (the gate round, so a stage advances on time). Null when the rollout is not
    /// live and needs no rounds.
    /// </summary>
    public static DateTimeOffset? NextDueAt(RolloutPolicy policy, RolloutState state, DateTimeOffset now)
    {
        if (!TransitionTable.IsLive(state.Phase)) return null;
        var slot = FirstDueAt(policy.Flag.Key, policy.Analysis.Interval, now + TimeSpan.FromTicks(1));
        return StageClock.NextRound(policy, state, now, slot);
    }

    /// <summary>
    /// How far past its grace a live rollout's next round is: a round is due one interval after the last one, and counts as
    /// late once a further interval has passed without it. Zero when on time, or when the rollout needs no rounds.
    /// </summary>
    /// <param name="watchedSince">When this controller started watching the rollout (its start or restore): downtime before
    /// it is not lateness of this controller's rounds.</param>
    public static TimeSpan Overdue(RolloutPolicy policy, RolloutState state, DateTimeOffset watchedSince, DateTimeOffset now)
    {
        if (!TransitionTable.IsLive(state.Phase)) return TimeSpan.Zero;
        var last = state.LastMeasuredAt is { } measured && measured > watchedSince ? measured : watchedSince;
        var overdue = now - last - 2 * policy.Analysis.Interval;
        return overdue > TimeSpan.Zero ? overdue : TimeSpan.Zero;
    }
}
