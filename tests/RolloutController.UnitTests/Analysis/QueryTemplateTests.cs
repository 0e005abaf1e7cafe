using RolloutController.Analysis;

namespace RolloutController.UnitTests.Analysis;

public sealed class QueryTemplateTests
{
    private static readonly Dictionary<string, string> Flag = new() { ["flag"] = "new-checkout" };

    [Fact]
    public void Substitutes_variables_with_or_without_spaces() =>
        QueryTemplate.Render("a{flag=\"{{ flag }}\"} / b{flag=\"{{flag}}\"}", Flag)
            .ShouldBe("a{flag=\"new-checkout\"} / b{flag=\"new-checkout\"}");

    [Theory]
    [InlineData("x\"} or vector(1) #", "x\\\"} or vector(1) #")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("line\nbreak", "line\\nbreak")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("bell\u0007", "bell\\u0007")]
    [InlineData("plain-key_1.2", "plain-key_1.2")]
    public void Values_are_escaped_so_they_cannot_leave_the_quoted_label_value(string value, string escaped) =>
        QueryTemplate.Render("m{flag=\"{{ flag }}\"}", new Dictionary<string, string> { ["flag"] = value })
            .ShouldBe($"m{{flag=\"{escaped}\"}}");

    [Fact]
    public void Lists_variables_in_order_with_offsets()
    {
        var vars = QueryTemplate.Variables("{{ flag }} and {{ variant }}");
        vars.ShouldBe([("flag", 0), ("variant", 15)]);
    }

    [Fact]
    public void A_variable_without_a_value_is_a_bug_caught_by_validation_first() =>
        Should.Throw<ArgumentException>(() => QueryTemplate.Render("{{ nope }}", Flag)).Message.ShouldContain("nope");
}
