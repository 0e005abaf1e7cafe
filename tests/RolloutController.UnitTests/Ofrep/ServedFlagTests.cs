using RolloutController.Flags;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Ofrep;

public sealed class ServedFlagTests
{
    [Fact]
    public void The_bucket_threshold_follows_the_weight_also_through_with()
    {
        var flag = new ServedFlag("f", 1.5m, RolloutPhase.Observing, 0, "p", FlagType.Release);
        flag.OnBuckets.ShouldBe(1_500);
        (flag with { Weight = 50m }).OnBuckets.ShouldBe(50_000);
        (flag with { Weight = 100m }).OnBuckets.ShouldBe(100_000);
        (flag with { Weight = 0m }).OnBuckets.ShouldBe(0);
    }
}
