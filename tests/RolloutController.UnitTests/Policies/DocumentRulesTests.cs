namespace RolloutController.UnitTests.Policies;

/// <summary>Rules about the document as a whole: YAML syntax, keys, types, required fields, apiVersion, kind, metadata.</summary>
public sealed class DocumentRulesTests
{
    [Fact]
    public void Malformed_yaml_is_reported_at_the_parser_position()
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With("notify: [oncall-payments]", "notify: [oncall-payments"));

        error.Line.ShouldBe(26);
        error.Path.ShouldBe("");
        error.Message.ShouldStartWith("invalid YAML: ");
    }

    [Fact]
    public void Malformed_yaml_after_a_valid_document_still_reports_the_valid_documents_problems()
    {
        var errors = PolicyYaml.Errors(PolicyYaml.With("owner: team-payments", "owner: ''") + "---\na: [\n");

        errors.Select(e => e.Path).ShouldBe(["metadata.owner", ""]);
    }

    [Fact]
    public void Duplicate_keys_are_reported_at_the_second_key_and_the_rest_is_still_checked()
    {
        var errors = PolicyYaml.Errors(PolicyYaml.With("  owner: team-payments\n", "  owner: team-payments\n  owner: team-checkout\n  colour: red\n"));

        errors.Count.ShouldBe(2, string.Join("\n", errors));
        errors[0].ShouldBe(new(PolicyYaml.File, 6, 3, "metadata.owner",
            "duplicate key 'owner' (first at line 5, column 3); each field may appear once"));
        errors[1].Path.ShouldBe("metadata.colour");
    }

    [Fact]
    public void Duplicate_keys_with_nested_values_are_skipped_whole()
    {
        var errors = PolicyYaml.Errors(PolicyYaml.With("  notify: [oncall-payments]", "  notify: [oncall-payments]\n  flag:\n    key: [x, { y: 1 }]"));

        errors.ShouldHaveSingleItem().Path.ShouldBe("spec.flag");
    }

    [Fact]
    public void Unknown_fields_are_listed_with_the_allowed_ones()
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With("  flag:\n", "  flags: {}\n  flag:\n"));

        error.ShouldBe(new(PolicyYaml.File, 12, 3, "spec.flags", "unknown field 'flags'; allowed fields: flag, stages, analysis, notify, windows, startAt, mode, approvals"));
    }

    [Theory]
    [InlineData("owner: team-payments", "owner: [a, b]", "metadata.owner", "expected a string, got a sequence")]
    [InlineData("owner: team-payments", "owner: 42", "metadata.owner", "expected a string, got the number 42 (quote it to use it as text)")]
    [InlineData("reason: One-page checkout to lift conversion", "reason: true", "metadata.reason", "expected a string, got the boolean true (quote it to use it as text)")]
    [InlineData("owner: team-payments", "owner:", "metadata.owner", "expected a string, got null (quote it to use it as text)")]
    [InlineData("- weight: 10", "- weight: '10'", "spec.stages[1].weight", "expected a number, got the string '10'")]
    [InlineData("  stages:\n", "  stages: 4\n  unused:\n", "spec.stages", "expected a sequence, got the number 4")]
    [InlineData("metadata:\n", "metadata: x\nunused:\n", "metadata", "expected a mapping, got the string 'x'")]
    [InlineData("max: 0.01", "max: high", "spec.analysis.guardrails[0].max", "expected a number, got the string 'high'")]
    [InlineData("max: 0.01", "max: .inf", "spec.analysis.guardrails[0].max", "must be a finite number, got .inf")]
    public void Wrong_types_say_what_was_expected_and_found(string find, string replacement, string path, string message)
    {
        var errors = PolicyYaml.Errors(PolicyYaml.With(find, replacement));

        errors.ShouldContain(e => e.Path == path && e.Message == message, string.Join("\n", errors));
    }

    [Fact]
    public void A_document_that_is_not_a_mapping_is_rejected() =>
        PolicyYaml.SingleError("just text\n").Message.ShouldBe("expected a mapping, got the string 'just text'");

    [Fact]
    public void A_file_without_documents_is_rejected() =>
        PolicyYaml.SingleError("# nothing here\n").Message.ShouldBe("no YAML document: expected a RolloutPolicy, a Flag or a Segment");

    [Theory]
    [InlineData("  name: new-checkout\n", "", "metadata.name", 3, 1)]
    [InlineData("  owner: team-payments\n", "", "metadata.owner", 3, 1)]
    [InlineData("  type: release\n", "", "metadata.type", 3, 1)]
    [InlineData("  reason: One-page checkout to lift conversion\n", "", "metadata.reason", 3, 1)]
    [InlineData("    criterion: at 100% for 7 days with guardrails green\n", "", "metadata.removal.criterion", 8, 3)]
    [InlineData("    reviewBy: 2026-12-15\n", "", "metadata.removal.reviewBy", 8, 3)]
    [InlineData("    key: new-checkout\n", "    provider: builtin\n", "spec.flag.key", 12, 3)]
    [InlineData("apiVersion: rollout-controller/v1\n", "", "apiVersion", 1, 1)]
    [InlineData("kind: RolloutPolicy\n", "", "kind", 1, 1)]
    public void Missing_required_fields_are_reported_at_their_parent(string line, string replacement, string path, int parentLine, int parentColumn)
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With(line, replacement));

        error.Path.ShouldBe(path);
        error.Message.ShouldBe($"missing required field '{path.Split('.')[^1]}'");
        (error.Line, error.Column).ShouldBe((parentLine, parentColumn));
    }

    [Fact]
    public void Missing_guardrails_are_reported()
    {
        var text = PolicyYaml.With(
            "    guardrails:\n      - name: error-rate\n        query: 'sum(rate(errors_total{flag=\"{{ flag }}\"}[5m]))'\n        max: 0.01\n", "");

        PolicyYaml.SingleError(text).ShouldBe(new(PolicyYaml.File, 19, 3, "spec.analysis.guardrails", "missing required field 'guardrails'"));
    }

    [Theory]
    [InlineData("release")]
    [InlineData("experiment")]
    public void Release_and_experiment_flags_need_a_removal_plan(string type)
    {
        var text = PolicyYaml.With("  removal:\n    criterion: at 100% for 7 days with guardrails green\n    reviewBy: 2026-12-15\n", "")
            .Replace("type: release", $"type: {type}", StringComparison.Ordinal);

        PolicyYaml.SingleError(text).ShouldBe(new(PolicyYaml.File, 3, 1, "metadata.removal",
            $"missing required field 'removal' (required for {type} flags: give a criterion and a reviewBy date)"));
    }

    [Theory]
    [InlineData("ops")]
    [InlineData("permission")]
    public void Long_lived_flags_need_no_removal_plan(string type) =>
        PolicyYaml.Errors(PolicyYaml.With("  removal:\n    criterion: at 100% for 7 days with guardrails green\n    reviewBy: 2026-12-15\n", "")
            .Replace("type: release", $"type: {type}", StringComparison.Ordinal)).ShouldBeEmpty();

    [Fact]
    public void Review_date_must_be_a_date() =>
        PolicyYaml.SingleError(PolicyYaml.With("reviewBy: 2026-12-15", "reviewBy: 2026-13-45"))
            .Message.ShouldBe("'2026-13-45' is not a date: write YYYY-MM-DD, e.g. 2026-12-15");

    [Fact]
    public void Bad_flag_type_lists_the_allowed_values() =>
        PolicyYaml.SingleError(PolicyYaml.With("type: release", "type: Release"))
            .ShouldBe(new(PolicyYaml.File, 6, 9, "metadata.type", "'Release' is not one of: release, experiment, ops, permission"));

    [Theory]
    [InlineData("apiVersion: rollout-controller/v1", "apiVersion: rollout-controller/v2", "apiVersion", "must be 'rollout-controller/v1', got 'rollout-controller/v2'")]
    [InlineData("kind: RolloutPolicy", "kind: Deployment", "kind", "must be one of RolloutPolicy, Flag, Segment, got 'Deployment'")]
    public void Api_version_and_kind_are_fixed(string find, string replacement, string path, string message)
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With(find, replacement));

        error.Path.ShouldBe(path);
        error.Message.ShouldBe(message);
    }

    [Theory]
    [InlineData("New-Checkout")]
    [InlineData("new_checkout")]
    [InlineData("-checkout")]
    [InlineData("checkout-")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public void Policy_names_are_lower_case_dns_labels(string name) =>
        PolicyYaml.SingleError(PolicyYaml.With("name: new-checkout", $"name: {name}")).Message.ShouldBe(
            $"'{name}' is not a valid policy name: use 1 to 63 lower-case letters, digits and '-', starting and ending with a letter or digit");

    [Theory]
    [InlineData("a")]
    [InlineData("checkout-2")]
    [InlineData("a23456789012345678901234567890123456789012345678901234567890123")]
    public void Policy_names_may_be_short_or_63_characters(string name) =>
        PolicyYaml.Errors(PolicyYaml.With("name: new-checkout", $"name: {name}")).ShouldBeEmpty();
}
