namespace RolloutController.UnitTests.Policies;

/// <summary>Rules for <c>spec.analysis</c>: interval, pause limits, guardrails and their queries.</summary>
public sealed class AnalysisRulesTests
{
    private const string Guardrail = "      - name: error-rate\n        query: 'sum(rate(errors_total{flag=\"{{ flag }}\"}[5m]))'\n        max: 0.01\n";

    [Theory]
    [InlineData("500ms", "must be at least 1s, got 500ms")]
    [InlineData("999ms", "must be at least 1s, got 999ms")]
    [InlineData("a minute", "'a minute' is not a duration: use whole numbers with a unit (ms, s, m, h, d), largest unit first, e.g. 500ms, 30s, 15m, 24h, 7d or 1h30m")]
    public void Interval_must_be_a_duration_of_at_least_one_second(string interval, string message) =>
        PolicyYaml.SingleError(PolicyYaml.With("interval: 1m", $"interval: {interval}"))
            .ShouldBe(new(PolicyYaml.File, 20, 15, "spec.analysis.interval", message));

    [Fact]
    public void Interval_of_one_second_is_accepted() =>
        PolicyYaml.Load(PolicyYaml.With("interval: 1m", "interval: 1s")).Policies.Single().Analysis.Interval.ShouldBe(TimeSpan.FromSeconds(1));

    [Theory]
    [InlineData("consecutiveErrorLimit")]
    [InlineData("consecutiveNoDataLimit")]
    public void Pause_limits_must_be_at_least_one(string field)
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With("    interval: 1m\n", $"    interval: 1m\n    {field}: 0\n"));

        error.Path.ShouldBe($"spec.analysis.{field}");
        error.Message.ShouldBe("must be at least 1, got 0");
    }

    [Fact]
    public void Pause_limits_must_be_integers() =>
        PolicyYaml.SingleError(PolicyYaml.With("    interval: 1m\n", "    interval: 1m\n    consecutiveErrorLimit: 2.5\n"))
            .Message.ShouldBe("expected an integer, got the number 2.5");

    [Fact]
    public void Failure_limit_must_be_at_least_one() =>
        PolicyYaml.SingleError(PolicyYaml.With("max: 0.01", "max: 0.01\n        failureLimit: 0"))
            .ShouldBe(new(PolicyYaml.File, 25, 23, "spec.analysis.guardrails[0].failureLimit", "must be at least 1, got 0"));

    [Fact]
    public void No_data_action_lists_the_allowed_values() =>
        PolicyYaml.SingleError(PolicyYaml.With("max: 0.01", "max: 0.01\n        onNoData: ignore"))
            .Message.ShouldBe("'ignore' is not one of: hold, fail, pass");

    [Fact]
    public void An_empty_guardrail_list_is_rejected() =>
        PolicyYaml.SingleError(PolicyYaml.With("    guardrails:\n" + Guardrail, "    guardrails: []\n"))
            .ShouldBe(new(PolicyYaml.File, 21, 17, "spec.analysis.guardrails", "must list at least one guardrail"));

    [Fact]
    public void A_guardrail_needs_max_or_min() =>
        PolicyYaml.SingleError(PolicyYaml.With("        max: 0.01\n", ""))
            .ShouldBe(new(PolicyYaml.File, 22, 9, "spec.analysis.guardrails[0]", "needs 'max' (fails above it), 'min' (fails below it) or both"));

    [Fact]
    public void Min_may_equal_max_but_not_exceed_it()
    {
        PolicyYaml.Errors(PolicyYaml.With("max: 0.01", "max: 0.01\n        min: 0.01")).ShouldBeEmpty();
        PolicyYaml.SingleError(PolicyYaml.With("max: 0.01", "max: 0.01\n        min: 0.5"))
            .ShouldBe(new(PolicyYaml.File, 25, 14, "spec.analysis.guardrails[0].min", "must not be greater than max 0.01, got 0.5"));
    }

    [Fact]
    public void Guardrail_names_are_unique_within_a_policy()
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With(Guardrail, Guardrail + Guardrail));

        error.ShouldBe(new(PolicyYaml.File, 25, 15, "spec.analysis.guardrails[1].name",
            "duplicate guardrail name 'error-rate' (first used at line 22, column 15)"));
    }

    [Theory]
    [InlineData("''")]
    [InlineData("'   '")]
    [InlineData("\"\\t\\n\"")]
    public void Query_must_not_be_empty(string query) =>
        PolicyYaml.SingleError(PolicyYaml.With("query: 'sum(rate(errors_total{flag=\"{{ flag }}\"}[5m]))'", $"query: {query}"))
            .ShouldBe(new(PolicyYaml.File, 23, 16, "spec.analysis.guardrails[0].query", "must not be empty"));

    [Fact]
    public void Query_variables_must_be_known_and_the_known_ones_are_named()
    {
        var errors = PolicyYaml.Errors(PolicyYaml.With("{{ flag }}", "{{ flag }}\",team=\"{{ team }}\",x=\"{{service}}"));

        errors.Select(e => e.Message).ShouldBe([
            "unknown template variable '{{ team }}'; known variables: {{ flag }}, {{ variant }}, {{ window }}",
            "unknown template variable '{{ service }}'; known variables: {{ flag }}, {{ variant }}, {{ window }}",
        ]);
        errors.ShouldAllBe(e => e.Path == "spec.analysis.guardrails[0].query" && e.Line == 23);
    }

    [Fact]
    public void Queries_without_variables_are_accepted() =>
        PolicyYaml.Errors(PolicyYaml.With("{flag=\"{{ flag }}\"}", "")).ShouldBeEmpty();
}
