using RolloutController.Analysis.Statistics;
using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

/// <summary>Rules for comparison, sequential and per-segment guardrails, the sample-ratio check and the round limits.</summary>
public sealed class CanaryAnalysisRulesTests
{
    private const string Original = "      - name: error-rate\n        query: 'sum(rate(errors_total{flag=\"{{ flag }}\"}[5m]))'\n        max: 0.01\n";

    private const string PerCohort = "'sum(rate(errors_total{flag=\"{{ flag }}\",variant=\"{{ variant }}\"}[5m]))'";

    private const string Numerator = "'sum(increase(errors_total{flag=\"{{ flag }}\",variant=\"{{ variant }}\"}[{{ window }}]))'";

    private const string Denominator = "'sum(increase(requests_total{flag=\"{{ flag }}\",variant=\"{{ variant }}\"}[{{ window }}]))'";

    /// <summary>The valid document with its guardrail replaced by <paramref name="lines"/> (each indented under "- ").</summary>
    private static string WithGuardrail(params string[] lines) =>
        PolicyYaml.With(Original, "      - " + string.Join("\n        ", lines) + "\n");

    private static string WithAnalysis(string yaml) => PolicyYaml.With("    interval: 1m\n", "    interval: 1m\n" + yaml);

    private static GuardrailSpec Loaded(string text)
    {
        var result = PolicyYaml.Load(text);
        result.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, result.Diagnostics));
        return result.Policies.Single().Analysis.Guardrails.Single();
    }

    private static string Message(string text) => PolicyYaml.SingleError(text).Message;

    [Fact]
    public void A_comparison_guardrail_with_a_relative_limit_is_read()
    {
        var g = Loaded(WithGuardrail("name: latency", "kind: comparison", $"query: {PerCohort}", "maxIncrease: 20%", "max: 0.8"));

        g.Kind.ShouldBe(GuardrailKind.Comparison);
        g.Margin.ShouldBe(Margin.Relative(0.2));
        g.Direction.ShouldBe(MetricDirection.LowerIsBetter);
        g.Max.ShouldBe(0.8);
    }

    [Fact]
    public void A_comparison_grouped_by_variant_with_an_absolute_limit_and_higher_is_better_is_read()
    {
        var g = Loaded(WithGuardrail("name: conversion", "kind: comparison",
            "query: 'sum by (variant) (rate(orders_total{flag=\"{{ flag }}\"}[15m]))'", "maxDifference: 0.002", "higherIsBetter: true"));

        g.Margin.ShouldBe(Margin.Absolute(0.002));
        g.Direction.ShouldBe(MetricDirection.HigherIsBetter);
    }

    [Fact]
    public void A_comparison_needs_a_limit() =>
        PolicyYaml.SingleError(WithGuardrail("name: latency", "kind: comparison", $"query: {PerCohort}"))
            .ShouldBe(new(PolicyYaml.File, 22, 9, "spec.analysis.guardrails[0]",
                "needs 'maxIncrease' (relative to the baseline, e.g. 20%) or 'maxDifference' (absolute, e.g. 0.002)"));

    [Fact]
    public void A_comparison_takes_one_limit_only() =>
        Message(WithGuardrail("name: latency", "kind: comparison", $"query: {PerCohort}", "maxIncrease: 20%", "maxDifference: 0.1"))
            .ShouldBe("give either 'maxIncrease' (relative) or 'maxDifference' (absolute), not both");

    [Theory]
    [InlineData("20", "'20' is not a percentage: add %, e.g. 20%")]
    [InlineData("twenty", "'twenty' is not a percentage: write a number ≥ 0 followed by %, e.g. 20% or 2.5%")]
    [InlineData("-5%", "'-5%' is not a percentage: write a number ≥ 0 followed by %, e.g. 20% or 2.5%")]
    public void Max_increase_is_a_percentage(string value, string message) =>
        Message(WithGuardrail("name: latency", "kind: comparison", $"query: {PerCohort}", $"maxIncrease: {value}")).ShouldBe(message);

    [Fact]
    public void Max_difference_is_not_negative() =>
        Message(WithGuardrail("name: latency", "kind: comparison", $"query: {PerCohort}", "maxDifference: -0.1")).ShouldBe("must be at least 0, got -0.1");

    [Fact]
    public void A_comparison_query_must_give_a_value_per_cohort()
    {
        var error = PolicyYaml.SingleError(WithGuardrail("name: latency", "kind: comparison",
            "query: 'sum(rate(errors_total{flag=\"{{ flag }}\"}[5m]))'", "maxIncrease: 20%"));

        error.Path.ShouldBe("spec.analysis.guardrails[0].query");
        error.Line.ShouldBe(24);
        error.Message.ShouldStartWith("must give one value per cohort");
    }

    [Fact]
    public void A_threshold_query_may_not_use_variant() =>
        Message(WithGuardrail("name: errors", $"query: {PerCohort}", "max: 0.01"))
            .ShouldStartWith("'{{ variant }}' is only for queries that compare cohorts");

    [Fact]
    public void Window_may_be_used_by_a_threshold_query() =>
        Loaded(WithGuardrail("name: errors", "query: 'sum(increase(errors_total{flag=\"{{ flag }}\",variant=\"on\"}[{{ window }}]))'", "max: 5"))
            .Kind.ShouldBe(GuardrailKind.Threshold);

    [Fact]
    public void A_sequential_guardrail_is_read_with_its_defaults()
    {
        var g = Loaded(WithGuardrail("name: errors", "kind: sequential", $"numerator: {Numerator}", $"denominator: {Denominator}"));

        g.Kind.ShouldBe(GuardrailKind.Sequential);
        g.Query.ShouldBe("");
        g.Numerator.ShouldNotBeNull().ShouldContain("errors_total");
        g.Denominator.ShouldNotBeNull().ShouldContain("requests_total");
        (g.Alpha, g.MinSamples, g.Margin, g.Direction).ShouldBe((0.05, 100L, Margin.None, MetricDirection.LowerIsBetter));
    }

    [Fact]
    public void A_sequential_guardrail_reads_alpha_margin_and_minimum_sample()
    {
        var g = Loaded(WithGuardrail("name: errors", "kind: sequential", $"numerator: {Numerator}", $"denominator: {Denominator}",
            "alpha: 0.01", "maxIncrease: 10%", "minSamples: 500", "higherIsBetter: true"));

        (g.Alpha, g.MinSamples, g.Margin, g.Direction).ShouldBe((0.01, 500L, Margin.Relative(0.1), MetricDirection.HigherIsBetter));
    }

    [Theory]
    [InlineData("numerator")]
    [InlineData("denominator")]
    public void A_sequential_guardrail_needs_numerator_and_denominator(string missing)
    {
        var lines = new[] { "name: errors", "kind: sequential", $"numerator: {Numerator}", $"denominator: {Denominator}" }
            .Where(l => !l.StartsWith(missing, StringComparison.Ordinal)).ToArray();
        PolicyYaml.SingleError(WithGuardrail(lines))
            .ShouldBe(new(PolicyYaml.File, 22, 9, $"spec.analysis.guardrails[0].{missing}", $"missing required field '{missing}'"));
    }

    [Fact]
    public void Sequential_queries_must_count_per_cohort_since_the_stage_started()
    {
        var errors = PolicyYaml.Errors(WithGuardrail("name: errors", "kind: sequential",
            "numerator: 'sum(increase(errors_total{flag=\"{{ flag }}\"}[1h]))'", $"denominator: {Denominator}"));

        errors.Select(e => (e.Path, e.Message[..30])).ShouldBe([
            ("spec.analysis.guardrails[0].numerator", "must give one value per cohort"),
            ("spec.analysis.guardrails[0].numerator", "must count since the stage sta"),
        ]);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("0.5")]
    [InlineData("-0.1")]
    [InlineData("1")]
    public void Alpha_must_be_between_0_and_one_half(string alpha)
    {
        var error = PolicyYaml.SingleError(WithGuardrail("name: errors", "kind: sequential", $"numerator: {Numerator}", $"denominator: {Denominator}",
            $"alpha: {alpha}"));

        error.ShouldBe(new(PolicyYaml.File, 26, 16, "spec.analysis.guardrails[0].alpha",
            $"must be greater than 0 and less than 0.5, got {alpha}"));
    }

    [Fact]
    public void Fields_of_another_kind_are_rejected_naming_the_kinds_that_read_them()
    {
        Message(WithGuardrail("name: errors", "kind: sequential", $"numerator: {Numerator}", $"denominator: {Denominator}", "max: 0.1"))
            .ShouldBe("'max' does not apply to kind sequential; it is read only for kind threshold or comparison");
        Message(WithGuardrail("name: errors", "query: 'up'", "max: 1", "alpha: 0.1"))
            .ShouldBe("'alpha' does not apply to kind threshold; it is read only for kind sequential");
    }

    [Fact]
    public void Unknown_kind_lists_the_kinds() =>
        Message(WithGuardrail("name: errors", "kind: bayesian", "query: 'up'", "max: 1"))
            .ShouldBe("'bayesian' is not one of: threshold, comparison, sequential");

    [Theory]
    [InlineData("sum by (plan) (rate(errors_total{flag=\"{{ flag }}\"}[5m]))")]
    [InlineData("sum without (instance) (rate(errors_total{flag=\"{{ flag }}\"}[5m]))")]
    [InlineData("rate(errors_total{flag=\"{{ flag }}\",sum=\"x\"}[5m])")]
    [InlineData("sum(rate(a[5m])) by (plan) / sum by (plan, le) (rate(b[5m]))")]
    public void A_per_segment_query_that_keeps_the_label_is_accepted(string query) =>
        Loaded(WithGuardrail("name: errors", $"query: '{query}'", "max: 1", "by: [plan]")).By.ShouldBe(["plan"]);

    [Theory]
    [InlineData("sum(rate(errors_total{flag=\"{{ flag }}\"}[5m]))", "'sum' has no by (…)")]
    [InlineData("sum without (plan) (rate(x[5m]))", "'sum' does not keep it")]
    [InlineData("sum by (plan) (rate(a[5m])) / avg by (instance) (rate(b[5m]))", "'avg' does not keep it")]
    public void A_by_label_the_query_aggregates_away_is_rejected(string query, string why) =>
        Message(WithGuardrail("name: errors", $"query: '{query}'", "max: 1", "by: [plan]"))
            .ShouldStartWith($"aggregates away 'plan', which 'by' evaluates separately: the outermost aggregation {why}");

    [Fact]
    public void A_grouped_comparison_must_keep_both_variant_and_the_segment_label() =>
        Message(WithGuardrail("name: latency", "kind: comparison", "query: 'sum by (variant) (rate(x[5m]))'", "maxIncrease: 20%", "by: [plan]"))
            .ShouldEndWith("write sum by (plan, variant) (…)");

    [Theory]
    [InlineData("[]", "must name at least one label (omit 'by' to evaluate all traffic together)")]
    [InlineData("[variant]", "'variant' is the cohort label and cannot be a segment")]
    [InlineData("[plan, plan]", "'plan' is listed twice")]
    [InlineData("['9lives']", "'9lives' is not a valid Prometheus label name: use letters, digits and '_', not starting with a digit")]
    [InlineData("[__name__]", "'__name__' is reserved by Prometheus")]
    public void By_names_distinct_prometheus_labels(string by, string message) =>
        Message(WithGuardrail("name: errors", "query: 'sum by (plan, variant) (x)'", "max: 1", $"by: {by}")).ShouldBe(message);

    [Fact]
    public void On_segment_breach_is_read_and_needs_by()
    {
        Loaded(WithGuardrail("name: errors", "query: 'sum by (plan) (x)'", "max: 1", "by: [plan]", "onSegmentBreach: exclude"))
            .OnSegmentBreach.ShouldBe(SegmentBreachAction.Exclude);
        Message(WithGuardrail("name: errors", "query: 'sum(x)'", "max: 1", "onSegmentBreach: exclude"))
            .ShouldBe("applies only to a guardrail with 'by' (per-segment guardrails)");
        Message(WithGuardrail("name: errors", "query: 'sum by (plan) (x)'", "max: 1", "by: [plan]", "onSegmentBreach: ignore"))
            .ShouldBe("'ignore' is not one of: rollback, exclude");
    }

    [Fact]
    public void The_sample_ratio_name_is_reserved() =>
        Message(WithGuardrail("name: sample-ratio", "query: 'up'", "max: 1"))
            .ShouldBe("'sample-ratio' is reserved for the sampleRatio check; choose another name");

    [Fact]
    public void Sample_ratio_is_read_with_its_defaults()
    {
        var result = PolicyYaml.Load(WithAnalysis(
            "    sampleRatio:\n      exposures: 'sum by (variant) (increase(exposures_total{flag=\"{{ flag }}\"}[{{ window }}]))'\n"));

        result.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, result.Diagnostics));
        var srm = result.Policies.Single().Analysis.SampleRatio.ShouldNotBeNull();
        (srm.PValueThreshold, srm.MinCount, srm.MismatchLimit).ShouldBe((0.001, 8d, 3));
    }

    [Fact]
    public void Sample_ratio_rules()
    {
        var errors = PolicyYaml.Errors(WithAnalysis(
            "    sampleRatio:\n      exposures: 'sum(exposures_total)'\n      pValueThreshold: 1\n      minCount: 0\n      mismatchLimit: 0\n"));

        errors.Select(e => (e.Path, e.Message.Length > 40 ? e.Message[..40] : e.Message)).ShouldBe([
            ("spec.analysis.sampleRatio.exposures", "must give one value per cohort: select t"),
            ("spec.analysis.sampleRatio.exposures", "must count since the stage started: use "),
            ("spec.analysis.sampleRatio.pValueThreshold", "must be greater than 0 and less than 1, "),
            ("spec.analysis.sampleRatio.minCount", "must be at least 1, got 0"),
            ("spec.analysis.sampleRatio.mismatchLimit", "must be at least 1, got 0"),
        ]);
    }

    [Fact]
    public void Round_limits_are_read_with_their_actions()
    {
        var result = PolicyYaml.Load(WithAnalysis(
            "    errorLimit: { rounds: 3, action: rollback }\n    inconclusiveLimit: { rounds: 60, action: notify }\n"));

        result.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, result.Diagnostics));
        var analysis = result.Policies.Single().Analysis;
        (analysis.ConsecutiveErrorLimit, analysis.OnErrorLimit).ShouldBe((3, LimitAction.Rollback));
        analysis.InconclusiveLimit.ShouldBe(new RoundLimit(60, LimitAction.Notify));
    }

    [Fact]
    public void Round_limits_default_to_pause_and_the_short_error_form_is_exclusive()
    {
        var analysis = PolicyYaml.Load(WithAnalysis("    inconclusiveLimit: { rounds: 5 }\n")).Policies.Single().Analysis;
        (analysis.InconclusiveLimit, analysis.OnErrorLimit).ShouldBe((new RoundLimit(5, LimitAction.Pause), LimitAction.Pause));

        Message(WithAnalysis("    consecutiveErrorLimit: 5\n    errorLimit: { rounds: 3 }\n"))
            .ShouldBe("give either 'errorLimit' or its short form 'consecutiveErrorLimit', not both");
        Message(WithAnalysis("    inconclusiveLimit: { rounds: 5, action: page }\n")).ShouldBe("'page' is not one of: rollback, pause, notify");
        Message(WithAnalysis("    errorLimit: { action: pause }\n")).ShouldBe("missing required field 'rounds'");
    }
}
