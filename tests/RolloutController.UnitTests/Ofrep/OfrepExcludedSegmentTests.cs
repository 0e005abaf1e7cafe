using System.Text.Json;
using RolloutController.Analysis.Segments;
using RolloutController.Bucketing;
using RolloutController.Flags;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Ofrep;

/// <summary>A segment a per-segment guardrail excluded is served off to contexts carrying its labels; everyone else by bucket.</summary>
public sealed class OfrepExcludedSegmentTests
{
    private static ServedFlag Flag(decimal weight, params Segment[] excluded) =>
        new("new-checkout", weight, RolloutPhase.Observing, 1, "checkout-policy", FlagType.Release, excluded);

    private static JsonElement Context(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void An_excluded_segment_is_off_whatever_the_weight()
    {
        var free = Segment.Of(("plan", "free"));

        OfrepEvaluator.Evaluate(Flag(50m, free), "user-14", Context("""{"targetingKey":"user-14","plan":"free"}"""))
            .ShouldBe(FlagEvaluation.Served(false, "TARGETING_MATCH"));
        OfrepEvaluator.Evaluate(Flag(100m, free), null, Context("""{"plan":"free"}""")).Reason.ShouldBe("TARGETING_MATCH");
    }

    [Theory]
    [InlineData("""{"targetingKey":"KEY","plan":"pro"}""")]
    [InlineData("""{"targetingKey":"KEY"}""")]
    [InlineData("""{"targetingKey":"KEY","plan":null}""")]
    [InlineData("""{"targetingKey":"KEY","plan":"Free"}""")]
    public void Other_contexts_are_served_by_their_bucket(string contextTemplate)
    {
        var flag = Flag(50m, Segment.Of(("plan", "free")));
        for (var i = 0; i < 50; i++)
        {
            var key = $"user-{i}";
            var evaluation = OfrepEvaluator.Evaluate(flag, key, Context(contextTemplate.Replace("KEY", key, StringComparison.Ordinal)));
            (evaluation.IsOn, evaluation.Reason).ShouldBe((RolloutBuckets.IsOn("new-checkout", key, 50m), "SPLIT"));
        }
    }

    [Fact]
    public void Every_label_of_a_segment_must_match_and_numbers_compare_by_their_text()
    {
        var flag = Flag(50m, Segment.Of(("plan", "free"), ("tier", "3")));

        OfrepEvaluator.Evaluate(flag, "u", Context("""{"plan":"free","tier":3}""")).Reason.ShouldBe("TARGETING_MATCH");
        OfrepEvaluator.Evaluate(flag, "u", Context("""{"plan":"free","tier":"3"}""")).Reason.ShouldBe("TARGETING_MATCH");
        OfrepEvaluator.Evaluate(flag, "u", Context("""{"plan":"free"}""")).Reason.ShouldBe("SPLIT");
    }

    [Fact]
    public void Rolled_back_stays_disabled_and_zero_stays_static()
    {
        var free = Segment.Of(("plan", "free"));
        OfrepEvaluator.Evaluate(Flag(0m, free), null, Context("""{"plan":"free"}""")).Reason.ShouldBe("STATIC");
        OfrepEvaluator.Evaluate(Flag(50m, free) with { Phase = RolloutPhase.RolledBack }, "u", Context("""{"plan":"free"}"""))
            .Reason.ShouldBe("DISABLED");
    }

    [Fact]
    public void Served_flags_compare_by_their_excluded_segments()
    {
        Flag(10m, Segment.Of(("plan", "free"))).ShouldBe(Flag(10m, Segment.Of(("plan", "free"))));
        Flag(10m, Segment.Of(("plan", "free"))).ShouldNotBe(Flag(10m));
        Flag(10m).ShouldBe(new ServedFlag("new-checkout", 10m, RolloutPhase.Observing, 1, "checkout-policy", FlagType.Release));
    }
}
