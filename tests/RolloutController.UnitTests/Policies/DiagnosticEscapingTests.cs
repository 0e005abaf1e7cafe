using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

/// <summary>Values from the file are escaped in diagnostics, so each diagnostic stays one line that starts with its location.</summary>
public sealed class DiagnosticEscapingTests
{
    [Fact]
    public void A_value_with_a_line_break_is_escaped()
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With("type: release", "type: \"rel\\nease\\u001B[31m\""));

        error.Message.ShouldBe(@"'rel\nease\u001B[31m' is not one of: release, experiment, ops, permission");
        error.ToString().ShouldBe(@"policies/a.yaml:6:9: error: metadata.type: 'rel\nease\u001B[31m' is not one of: release, experiment, ops, permission");
    }

    [Fact]
    public void A_key_with_a_line_break_is_escaped_in_the_path_and_message()
    {
        var error = PolicyYaml.SingleError(PolicyYaml.Valid + "\"bad\\r\\nkey\": 1\n");

        error.Path.ShouldBe(@"bad\r\nkey");
        error.Message.ShouldStartWith(@"unknown field 'bad\r\nkey'; allowed fields:");
    }

    [Fact]
    public void A_block_scalar_where_a_mapping_belongs_is_described_on_one_line()
    {
        var error = PolicyYaml.SingleError("--- |\n  text\n  more\n");

        error.ToString().ShouldBe(@"policies/a.yaml:1:5: error: expected a mapping, got the string 'text\nmore\n'");
    }

    [Fact]
    public void Long_values_are_shortened_with_their_length()
    {
        var owner = new string('x', 500);

        var error = PolicyYaml.SingleError(PolicyYaml.With("type: release", $"type: {owner}"));

        error.Message.ShouldBe($"'{new string('x', DiagnosticText.MaxValueLength)}… (500 characters)' is not one of: release, experiment, ops, permission");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("tab\there", @"tab\there")]
    [InlineData("bom\uFEFF", @"bom\uFEFF")]
    [InlineData("line\u2028separator", @"line\u2028separator")]
    [InlineData("pair\U0001F600", "pair\U0001F600")]
    [InlineData("café", "café")]
    public void Escape_keeps_printable_text_and_escapes_the_rest(string text, string escaped) =>
        DiagnosticText.Escape(text).ShouldBe(escaped);

    [Fact]
    public void Escape_writes_a_lone_surrogate_as_an_escape() =>
        // Built at run time: a lone surrogate does not survive in an attribute argument.
        DiagnosticText.Escape("lone" + (char)0xD800).ShouldBe(@"lone\uD800");

    [Fact]
    public void Escape_does_not_cut_a_surrogate_pair()
    {
        DiagnosticText.Escape("ab\U0001F600cd", maxLength: 3).ShouldBe("ab… (6 characters)");
    }

    [Fact]
    public void The_file_path_is_escaped_in_the_text_form_but_kept_as_given()
    {
        var diagnostic = new PolicyDiagnostic("policies/a\nb.yaml", 0, -3, "spec\n", "bad\r\nvalue");

        diagnostic.File.ShouldBe("policies/a\nb.yaml");
        diagnostic.ToString().ShouldBe(@"policies/a\nb.yaml:1:1: error: spec\n: bad\r\nvalue");
    }

    [Fact]
    public void A_control_character_in_the_file_is_reported_at_its_position()
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With("owner: team-payments", "owner: team-\u001Bpayments"));

        (error.Line, error.Column).ShouldBe((5, 15));
        error.Message.ShouldBe(@"the control character U+001B is not allowed in YAML; inside a double-quoted string write it as an escape such as \t or \u001B");
    }
}
