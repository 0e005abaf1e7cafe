using RolloutController.Bucketing;
using RolloutController.Flags;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Ofrep;

public sealed class OfrepEvaluatorTests
{
    private static ServedFlag Flag(decimal weight, RolloutPhase phase = RolloutPhase.Observing) =>
        new("new-checkout", weight, phase, 1, "checkout-policy", FlagType.Release);

    [Theory]
    [InlineData(0, false, "off")]
    [InlineData(0.0001, false, "off")]
    [InlineData(100, true, "on")]
    public void Weights_zero_and_one_hundred_are_static_without_a_targeting_key(double weight, bool value, string variant)
    {
        var evaluation = OfrepEvaluator.Evaluate(Flag((decimal)weight), null);
        evaluation.ShouldBe(FlagEvaluation.Served(value, "STATIC"));
        evaluation.Variant.ShouldBe(variant);
    }

    [Theory]
    [InlineData(nameof(RolloutPhase.RolledBack))]
    [InlineData(nameof(RolloutPhase.Aborted))]
    public void Rolled_back_and_aborted_flags_are_disabled_whatever_the_weight(string phaseName)
    {
        var phase = Enum.Parse<RolloutPhase>(phaseName);
        OfrepEvaluator.Evaluate(Flag(50m, phase), "user-14").ShouldBe(FlagEvaluation.Served(false, "DISABLED"));
        OfrepEvaluator.Evaluate(Flag(0m, phase), null).Reason.ShouldBe("DISABLED");
    }

    [Theory]
    [InlineData("user-14", 1, true)]
    [InlineData("user-9", 1, false)]
    [InlineData("user-9", 10, true)]
    [InlineData("user-42", 50, false)]
    public void Split_follows_the_bucket(string targetingKey, double weight, bool expected)
    {
        var evaluation = OfrepEvaluator.Evaluate(Flag((decimal)weight), targetingKey);
        evaluation.ShouldBe(FlagEvaluation.Served(expected, "SPLIT"));
        evaluation.IsOn.ShouldBe(RolloutBuckets.IsOn("new-checkout", targetingKey, (decimal)weight));
    }

    [Theory]
    [InlineData(nameof(RolloutPhase.Paused))]
    [InlineData(nameof(RolloutPhase.Observing))]
    [InlineData(nameof(RolloutPhase.Pending))]
    public void Any_live_phase_between_zero_and_one_hundred_is_a_split(string phaseName) =>
        OfrepEvaluator.Evaluate(Flag(10m, Enum.Parse<RolloutPhase>(phaseName)), "user-9").Reason.ShouldBe("SPLIT");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Split_without_targeting_key_is_an_error(string? targetingKey)
    {
        var evaluation = OfrepEvaluator.Evaluate(Flag(10m), targetingKey);
        evaluation.IsError.ShouldBeTrue();
        evaluation.ErrorCode.ShouldBe("TARGETING_KEY_MISSING");
        evaluation.ErrorDetails.ShouldNotBeNullOrEmpty();
        evaluation.Reason.ShouldBe("ERROR");
    }

    [Fact]
    public void Evaluation_does_not_allocate()
    {
        var flag = Flag(12.345m);
        OfrepEvaluator.Evaluate(flag, "user-1");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++) OfrepEvaluator.Evaluate(flag, "user-1");
        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
