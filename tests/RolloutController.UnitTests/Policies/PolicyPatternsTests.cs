using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

public sealed class PolicyPatternsTests
{
    [Theory]
    [InlineData("new-checkout", true)]
    [InlineData("Search_Ranking.v2", true)]
    [InlineData("checkout\n", false)]
    [InlineData("check out", false)]
    [InlineData("", false)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("..\n", false)]
    [InlineData("...", true)]
    public void Flag_keys_are_matched_to_the_true_end_of_input(string key, bool valid) =>
        PolicyPatterns.FlagKeyRegex().IsMatch(key).ShouldBe(valid);

    [Theory]
    [InlineData("new-checkout", true)]
    [InlineData("new-checkout\n", false)]
    [InlineData("-leading", false)]
    public void Policy_names_are_matched_to_the_true_end_of_input(string name, bool valid) =>
        PolicyPatterns.PolicyNameRegex().IsMatch(name).ShouldBe(valid);
}
