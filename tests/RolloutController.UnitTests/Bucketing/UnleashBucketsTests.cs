using RolloutController.Bucketing;

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

    [Fact]
    public void Raising_the_rollout_only_adds_users()
    {
        var at10 = Enumerable.Range(0, 10_000).Where(i => UnleashBuckets.IsOn(Flag, $"user-{i}", 10)).ToList();
        at10.ShouldAllBe(i => UnleashBuckets.IsOn(Flag, $"user-{i}", 50));
    }
}
