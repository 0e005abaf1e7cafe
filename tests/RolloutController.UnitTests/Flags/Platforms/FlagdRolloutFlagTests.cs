using System.Text.Json.Nodes;
using RolloutController.Analysis.Segments;
using RolloutController.Flags.Platforms;

namespace RolloutController.UnitTests.Flags.Platforms;

public sealed class FlagdRolloutFlagTests
{
    private static PlatformFlagState State(bool enabled, decimal weight, params (string Name, string Value)[] excluded) =>
        new(true, enabled, weight, PlatformTarget.Sorted(excluded.Select(e => new SegmentLabel(e.Name, e.Value))));

    [Theory]
    [InlineData(true, 12.345)]
    [InlineData(true, 100)]
    [InlineData(false, 50)]
    [InlineData(true, 0.001)]
    public void What_is_written_reads_back_as_the_same_state(bool enabled, decimal weight)
    {
        var state = State(enabled, weight, ("plan", "free"), ("plan", "trial"));

        var read = FlagdRolloutFlag.Read("new-checkout", JsonNode.Parse(FlagdRolloutFlag.Build("new-checkout", state).ToJsonString()));

        read.Matches(state).ShouldBeTrue(read.ToString());
        read.Weight.ShouldBe(weight);
    }

    [Fact]
    public void The_rule_is_a_fractional_split_over_the_flag_key_in_thousandths_of_a_percent_and_off_switches_the_state()
    {
        var entry = FlagdRolloutFlag.Build("new-checkout", State(false, 12.345m)).ToJsonString();

        entry.ShouldContain("""{"fractional":[{"cat":["new-checkout",{"var":"targetingKey"}]},["on",12345],["off",87655]]}""");
        entry.ShouldContain("""
            "state":"DISABLED"
            """);
    }

    [Fact]
    public void An_absent_entry_or_a_hand_edited_rule_reads_as_without_the_controllers_rule()
    {
        FlagdRolloutFlag.Read("f", null).ShouldBe(new PlatformFlagState(false, false, 0m, []));

        var edited = FlagdRolloutFlag.Build("f", State(true, 10m));
        edited["targeting"] = JsonNode.Parse("""{"if":[{"===":[{"var":"plan"},"free"]},"on",null]}""");
        var read = FlagdRolloutFlag.Read("f", edited);
        read.RulePresent.ShouldBeFalse();
        read.Enabled.ShouldBeTrue();

        var reweighted = JsonNode.Parse(FlagdRolloutFlag.Build("f", State(true, 10m)).ToJsonString().Replace("\"f\",{", "\"g\",{", StringComparison.Ordinal));
        FlagdRolloutFlag.Read("f", reweighted).RulePresent.ShouldBeFalse("a split over another salt is not the controller's rule");
    }
}
