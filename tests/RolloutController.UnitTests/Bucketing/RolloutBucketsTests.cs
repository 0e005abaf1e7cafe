using RolloutController.Bucketing;

namespace RolloutController.UnitTests.Bucketing;

public sealed class RolloutBucketsTests
{
    private const int KeyCount = 100_000;
    private const string Flag = "new-checkout";

    private static readonly int[] Buckets = Enumerable.Range(0, KeyCount).Select(i => RolloutBuckets.BucketOf(Flag, $"user-{i}")).ToArray();

    [Theory]
    [InlineData("user-14", 579)]
    [InlineData("user-9", 4507)]
    [InlineData("user-42", 55751)]
    [InlineData("user-7", 89956)]
    public void Bucket_is_flagd_fractional_over_flag_key_plus_targeting_key(string targetingKey, int expected) =>
        RolloutBuckets.BucketOf(Flag, targetingKey).ShouldBe(expected);

    [Fact]
    public void Worked_example_from_the_docs()
    {
        RolloutBuckets.BucketOf(24887335u).ShouldBe(579);
        RolloutBuckets.IsOn(Flag, "user-14", 1m).ShouldBeTrue();
        RolloutBuckets.IsOn(Flag, "user-9", 1m).ShouldBeFalse();
        RolloutBuckets.IsOn(Flag, "user-9", 10m).ShouldBeTrue();
    }

    [Fact]
    public void Bucket_uses_the_full_hash_range()
    {
        RolloutBuckets.BucketOf(0u).ShouldBe(0);
        RolloutBuckets.BucketOf(uint.MaxValue).ShouldBe(RolloutBuckets.Count - 1);
        RolloutBuckets.BucketOf(0x80000000u).ShouldBe(RolloutBuckets.Count / 2);
    }

    [Fact]
    public void Hashes_utf8_bytes_of_the_concatenation()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes("flagé" + "ключ");
        RolloutBuckets.BucketOf("flagé", "ключ").ShouldBe(RolloutBuckets.BucketOf(MurmurHash3.Hash32(bytes)));
    }

    [Fact]
    public void Long_keys_hash_the_same_as_short_paths_would()
    {
        var longKey = new string('k', 5000);
        var bytes = System.Text.Encoding.UTF8.GetBytes(Flag + longKey);
        RolloutBuckets.BucketOf(Flag, longKey).ShouldBe(RolloutBuckets.BucketOf(MurmurHash3.Hash32(bytes)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.001, 1)]
    [InlineData(1, 1000)]
    [InlineData(12.345, 12345)]
    [InlineData(99.999, 99999)]
    [InlineData(100, 100000)]
    [InlineData(-5, 0)]
    [InlineData(250, 100000)]
    public void Threshold_is_weight_times_one_thousand(double weight, int expected) =>
        RolloutBuckets.Threshold((decimal)weight).ShouldBe(expected);

    [Fact]
    public void Ramps_are_monotonic_for_every_key()
    {
        decimal[] ramp = [1m, 10m, 50m, 100m];
        for (var i = 0; i < KeyCount; i++)
        {
            var wasOn = false;
            foreach (var weight in ramp)
            {
                var on = RolloutBuckets.IsOn(Buckets[i], weight);
                if (wasOn) on.ShouldBeTrue($"user-{i} turned off when the weight rose to {weight}%");
                wasOn = on;
            }
            wasOn.ShouldBeTrue();
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(2.345)]
    [InlineData(10)]
    [InlineData(33.333)]
    [InlineData(50)]
    [InlineData(75.125)]
    [InlineData(99.999)]
    public void Share_of_keys_on_is_within_half_a_point_of_the_weight(double weight)
    {
        var on = Buckets.Count(b => RolloutBuckets.IsOn(b, (decimal)weight));
        var share = 100.0 * on / KeyCount;
        Math.Abs(share - weight).ShouldBeLessThanOrEqualTo(0.5, $"{on} of {KeyCount} keys on at {weight}%");
    }

    [Fact]
    public void Weight_zero_serves_nobody_and_one_hundred_serves_everybody()
    {
        Buckets.ShouldAllBe(b => !RolloutBuckets.IsOn(b, 0m));
        Buckets.ShouldAllBe(b => RolloutBuckets.IsOn(b, 100m));
        RolloutBuckets.IsOn(RolloutBuckets.Count - 1, 100m).ShouldBeTrue();
        RolloutBuckets.IsOn(0, 0m).ShouldBeFalse();
    }

    [Fact]
    public void Each_thousandth_of_a_percent_adds_exactly_one_bucket()
    {
        RolloutBuckets.IsOn(0, 0.001m).ShouldBeTrue();
        RolloutBuckets.IsOn(1, 0.001m).ShouldBeFalse();
        RolloutBuckets.IsOn(12344, 12.345m).ShouldBeTrue();
        RolloutBuckets.IsOn(12345, 12.345m).ShouldBeFalse();
    }

    [Fact]
    public void Different_flags_pick_different_keys()
    {
        var overlap = Enumerable.Range(0, 10_000)
            .Count(i => RolloutBuckets.IsOn(Flag, $"user-{i}", 10m) && RolloutBuckets.IsOn("other-flag", $"user-{i}", 10m));
        // Independent 10% samples overlap on about 1% of keys; a shared bucketing would overlap on 10%.
        overlap.ShouldBeLessThan(250);
    }
}
