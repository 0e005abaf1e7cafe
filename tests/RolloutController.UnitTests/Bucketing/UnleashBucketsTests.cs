using RolloutController.Analysis;
using RolloutController.Analysis.Cohorts;
using RolloutController.Bucketing;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Bucketing;

public sealed class UnleashBucketsTests
{
    private const string Flag = "new-checkout";

    // Values of the unleash-client SDK's normalizedStrategyValue(userId, "new-checkout") (unleash-client 6.12.1); the
    // integration tests compare all 20,000 users of a ramp with the real SDK.
    [Theory]
    [InlineData("user-14", 48)]
    [InlineData("user-9", 52)]
    [InlineData("user-42", 75)]
    [InlineData("user-7", 98)]
    public void Bucket_is_murmur3_of_group_colon_user_modulo_100_plus_1(string userId, int expected) =>
        UnleashBuckets.BucketOf(Flag, userId).ShouldBe(expected);

    [Fact]
    public void A_user_is_on_when_the_bucket_is_at_most_the_rollout()
    {
        UnleashBuckets.IsOn(Flag, "user-14", 47).ShouldBeFalse();
        UnleashBuckets.IsOn(Flag, "user-14", 48).ShouldBeTrue();
        UnleashBuckets.IsOn(Flag, "user-7", 100).ShouldBeTrue();
        UnleashBuckets.IsOn(Flag, "user-7", 0).ShouldBeFalse();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    public void The_share_on_is_the_rollout_percent_within_sampling_error(int rollout)
    {
        const int users = 100_000;
        var on = Enumerable.Range(0, users).Count(i => UnleashBuckets.IsOn(Flag, $"user-{i}", rollout));
        var expected = users * rollout / 100.0;
        var sd = Math.Sqrt(users * (rollout / 100.0) * (1 - rollout / 100.0));

        Math.Abs(on - expected).ShouldBeLessThan(4 * sd);
    }

    // The sample-ratio check expects the share weight / 100 on (SampleRatioAnalysis). On Unleash the share is exactly the
    // fraction of 32-bit hashes h with h % 100 < rollout: counted here over the whole hash space, it is the rollout percent
    // to within 1e-8 for every whole percent an Unleash-backed stage may take.
    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(50)]
    [InlineData(99)]
    public void The_sample_ratio_check_expects_the_share_unleash_serves(int rollout)
    {
        const ulong hashes = 1UL << 32;
        // Hashes with h % 100 == b, for b < rollout: 2^32 = 42,949,672 × 100 + 96, so b < 96 has one more.
        var on = Enumerable.Range(0, rollout).Sum(b => (double)(hashes / 100 + ((ulong)b < hashes % 100 ? 1UL : 0UL)));
        var served = on / hashes;

        var state = RolloutState.New("f", "p", "r", DateTimeOffset.UnixEpoch) with { Weight = rollout };
        var check = SampleRatioAnalysis.Evaluate(new SampleRatioSpec("exposures"), state, GuardrailReadings.Of([]), DateTimeOffset.UnixEpoch);

        check.Details!.ExpectedShare!.Value.ShouldBe(served, 1e-8);
    }

    [Fact]
    public void Raising_the_rollout_only_adds_users()
    {
        var at10 = Enumerable.Range(0, 10_000).Where(i => UnleashBuckets.IsOn(Flag, $"user-{i}", 10)).ToList();
        at10.ShouldAllBe(i => UnleashBuckets.IsOn(Flag, $"user-{i}", 50));
    }
}
