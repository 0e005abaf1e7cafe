namespace RolloutController.UnitTests.Policies;

/// <summary>Rules for <c>spec.stages</c>: weights and holds.</summary>
public sealed class StageRulesTests
{
    [Theory]
    [InlineData("ten", "expected a number, got the string 'ten'")]
    [InlineData("0", "must be greater than 0, got 0")]
    [InlineData("-5", "must be greater than 0, got -5")]
    [InlineData("100.5", "must be at most 100, got 100.5")]
    [InlineData("12.3456", "must have at most 3 decimals, got 12.3456")]
    [InlineData("1", "must be greater than the previous stage's weight 1, got 1")]
    [InlineData("0.5", "must be greater than the previous stage's weight 1, got 0.5")]
    public void Bad_weights_are_reported_at_the_weight(string weight, string message) =>
        PolicyYaml.SingleError(PolicyYaml.With("- weight: 10", $"- weight: {weight}"))
            .ShouldBe(new(PolicyYaml.File, 17, 15, "spec.stages[1].weight", message));

    [Theory]
    [InlineData("0.002")]
    [InlineData("12.5")]
    [InlineData("33.333")]
    [InlineData("100")]
    [InlineData("1.5000")]
    public void Weights_up_to_100_with_three_decimals_are_accepted(string weight)
    {
        var text = PolicyYaml.With("- weight: 1\n", "- weight: 0.001\n").Replace("- weight: 10", $"- weight: {weight}", StringComparison.Ordinal);

        var policy = PolicyYaml.Load(text).Policies.ShouldHaveSingleItem();

        policy.Stages[1].Weight.ShouldBe(decimal.Parse(weight, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Each_out_of_order_stage_is_reported_once_against_the_last_good_weight()
    {
        var text = PolicyYaml.With("  analysis:\n", "    - { weight: 5, hold: 1h }\n    - { weight: 50, hold: 1h }\n  analysis:\n");

        var error = PolicyYaml.SingleError(text);
        error.Path.ShouldBe("spec.stages[2].weight");
        error.Message.ShouldBe("must be greater than the previous stage's weight 10, got 5");
    }

    [Fact]
    public void An_empty_stage_list_is_rejected() =>
        PolicyYaml.SingleError(PolicyYaml.With("  stages:\n    - weight: 1\n      hold: 24h\n    - weight: 10\n      hold: 48h\n", "  stages: []\n"))
            .Message.ShouldBe("must list at least one stage (omit the field to use the default 1%, 10%, 50%, 100% ramp)");

    [Theory]
    [InlineData("2 days", "'2 days' is not a duration: use whole numbers with a unit (ms, s, m, h, d), largest unit first, e.g. 500ms, 30s, 15m, 24h, 7d or 1h30m")]
    [InlineData("48", "expected a duration such as 30s, 15m, 24h or 7d, got the number 48 (quote it to use it as text)")]
    [InlineData("0s", "must be longer than 0s")]
    public void Bad_holds_are_reported(string hold, string message) =>
        PolicyYaml.SingleError(PolicyYaml.With("hold: 48h", $"hold: {hold}"))
            .ShouldBe(new(PolicyYaml.File, 18, 13, "spec.stages[1].hold", message));

    [Fact]
    public void A_stage_needs_weight_and_hold()
    {
        var errors = PolicyYaml.Errors(PolicyYaml.With("    - weight: 10\n      hold: 48h\n", "    - {}\n"));

        errors.Select(e => (e.Path, e.Message)).ShouldBe([
            ("spec.stages[1].weight", "missing required field 'weight'"),
            ("spec.stages[1].hold", "missing required field 'hold'"),
        ]);
    }
}
