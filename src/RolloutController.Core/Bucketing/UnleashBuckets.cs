using System.Text;

namespace RolloutController.Bucketing;

/// <summary>
/// Unleash's <c>flexibleRollout</c> bucketing, as its SDKs evaluate it (Unleash/yggdrasil <c>strategy_parsing.rs</c>, the
/// Node SDK's <c>normalizedStrategyValue</c>): <c>bucket = MurmurHash3_x86_32(utf8("{groupId}:{userId}"), seed 0) % 100 + 1</c>,
/// on iff <c>bucket ≤ rollout</c>. Buckets 1..100 are equally likely, so the share of users on is <c>rollout / 100</c> exactly
/// — the share the sample-ratio check expects — and a user on at 10% stays on at 50%. The controller sets groupId to the
/// flag key. Not the built-in bucketing (<see cref="RolloutBuckets"/>): the same user can be on in one and off in the other.
/// </summary>
internal static class UnleashBuckets
{
    /// <summary>The bucket (1..100) of <paramref name="userId"/> in the group <paramref name="groupId"/>.</summary>
    public static int BucketOf(string groupId, string userId) =>
        (int)(MurmurHash3.Hash32(Encoding.UTF8.GetBytes($"{groupId}:{userId}")) % 100) + 1;

    /// <summary>Whether Unleash serves the flag to <paramref name="userId"/> at <paramref name="rollout"/> percent.</summary>
    public static bool IsOn(string groupId, string userId, int rollout) => BucketOf(groupId, userId) <= rollout;
}
