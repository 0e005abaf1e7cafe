using System.Text;
using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

/// <summary>Size, depth, node count and alias rules: a file past a limit is refused with a clear, located error.</summary>
public sealed class PolicyLimitsTests
{
    private static string Nested(int depth) =>
        // The document's mapping is the first level; each '[' adds one.
        "x: " + new string('[', depth - 1) + new string(']', depth - 1) + "\n";

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var errors = PolicyYaml.Errors(Nested(PolicyLimits.MaxDepth));

        errors.ShouldNotContain(e => e.Message.Contains("nested", StringComparison.Ordinal));
        errors.ShouldContain(e => e.Message.StartsWith("unknown field 'x'", StringComparison.Ordinal));
    }

    [Fact]
    public void Nesting_past_the_limit_is_an_error_where_it_goes_too_deep()
    {
        PolicyYaml.SingleError(Nested(PolicyLimits.MaxDepth + 1)).ShouldBe(new PolicyDiagnostic(PolicyYaml.File, 1, 4 + PolicyLimits.MaxDepth - 1, "",
            "invalid YAML: mappings and sequences are nested more than 20 levels deep, the limit for a policy file"));
    }

    [Fact]
    public void A_file_over_one_mebibyte_is_refused_without_being_parsed()
    {
        var text = PolicyYaml.Valid + "# " + new string('x', PolicyLimits.MaxFileBytes) + "\n";

        PolicyYaml.SingleError(text).ShouldBe(new PolicyDiagnostic(PolicyYaml.File, 1, 1, "",
            $"the file has {Encoding.UTF8.GetByteCount(text)} bytes; a policy file may have at most 1048576 bytes (1 MiB): split it into several files"));
    }

    [Fact]
    public void More_nodes_than_the_limit_are_refused()
    {
        var text = "x: [" + string.Join(',', Enumerable.Repeat("1", PolicyLimits.MaxNodes)) + "]\n";

        PolicyYaml.SingleError(text).Message.ShouldBe(
            "invalid YAML: the file has more than 100000 nodes (aliases counted as the nodes they stand for), the limit for a policy file");
    }

    [Fact]
    public void Aliases_count_as_the_nodes_they_stand_for()
    {
        var thousand = "[" + string.Join(',', Enumerable.Repeat("1", 999)) + "]";
        var text = $"a: &a {thousand}\nb: [" + string.Join(',', Enumerable.Repeat("*a", 101)) + "]\n";

        var error = PolicyYaml.Errors(text).ShouldHaveSingleItem();

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("more than 100000 nodes");
    }

    [Fact]
    public void Aliases_within_the_limit_are_read_as_the_value_they_name()
    {
        var text = PolicyYaml.With("  stages:\n    - weight: 1\n      hold: 24h\n", "  stages:\n    - weight: 1\n      hold: &hold 24h\n")
            .Replace("hold: 48h", "hold: *hold", StringComparison.Ordinal);

        PolicyYaml.Load(text).Policies.ShouldHaveSingleItem().Stages[1].Hold.ShouldBe(TimeSpan.FromHours(24));
    }

    [Theory]
    [InlineData("a: &x [*x]\n", 1, 8)]
    [InlineData("a: &x {b: *x}\n", 1, 11)]
    [InlineData("? &x [*x]\n: 1\n", 1, 7)]
    public void An_alias_inside_the_node_it_names_is_an_error(string text, int line, int column) =>
        PolicyYaml.SingleError(text).ShouldBe(new PolicyDiagnostic(PolicyYaml.File, line, column, "",
            "invalid YAML: alias *x is inside the node it names; a node cannot contain itself"));

    [Fact]
    public void Merge_keys_are_named_as_unsupported()
    {
        var text = PolicyYaml.With("  flag:\n    key: new-checkout\n", "  flag:\n    <<: {key: new-checkout}\n");

        var error = PolicyYaml.Errors(text).Single(e => e.Line == 13);

        error.Path.ShouldBe("spec.flag");
        error.Message.ShouldBe("merge keys (<<) are not supported: write the fields out, or use an alias (*name) for a whole value");
    }

    [Theory]
    [InlineData("!!int 0o", "must be a finite number, got 0o")]
    [InlineData("!!int 0o9", "must be a finite number, got 0o9")]
    [InlineData("!!int 0xFFFFFFFFFFFFFFFF", "must be a finite number, got 0xFFFFFFFFFFFFFFFF")]
    public void Tagged_integers_that_are_not_numbers_are_reported(string weight, string message)
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With("- weight: 1\n", $"- weight: {weight}\n"));

        (error.Path, error.Message).ShouldBe(("spec.stages[0].weight", message));
    }

    [Fact]
    public void A_tagged_integer_that_is_not_an_integer_is_reported_as_such()
    {
        var text = PolicyYaml.With("max: 0.01", "max: 0.01\n        failureLimit: !!int 0o8");

        PolicyYaml.SingleError(text).Message.ShouldBe("must be an integer from 1 to 2147483647, got 0o8");
    }
}
