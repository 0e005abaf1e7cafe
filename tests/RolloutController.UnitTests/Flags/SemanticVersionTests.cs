using RolloutController.Flags;

namespace RolloutController.UnitTests.Flags;

public sealed class SemanticVersionTests
{
    [Theory]
    [InlineData("1.0.0", "2.0.0", -1)]
    [InlineData("2.10.0", "2.9.9", 1)]
    [InlineData("v2.4.0", "2.4.0", 0)]
    [InlineData("1.0.0-alpha", "1.0.0", -1)]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1", -1)]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta", -1)]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11", -1)]
    [InlineData("1.0.0-rc.1", "1.0.0-beta.11", 1)]
    [InlineData("1.0.0+build.5", "1.0.0+build.7", 0)]
    public void Versions_compare_by_semver_precedence(string left, string right, int order)
    {
        SemanticVersion.TryCompare(left, right, out var result).ShouldBeTrue();
        Math.Sign(result).ShouldBe(order);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("01.0.0")]
    [InlineData("1.0.0-")]
    [InlineData("1.0.0-01")]
    [InlineData("1.0.0 ")]
    [InlineData("")]
    public void Text_that_is_not_a_version_does_not_compare(string text)
    {
        SemanticVersion.IsValid(text).ShouldBeFalse();
        SemanticVersion.TryCompare(text, "1.0.0", out _).ShouldBeFalse();
    }
}
