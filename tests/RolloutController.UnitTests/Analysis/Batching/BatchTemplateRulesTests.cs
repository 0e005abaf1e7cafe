using RolloutController.Analysis.Batching;

namespace RolloutController.UnitTests.Analysis.Batching;

/// <summary>Which queries batch, into what, and the reasons the others do not. <c>F</c> stands for <c>flag="{{ flag }}"</c>.</summary>
public sealed class BatchTemplateRulesTests
{
    private const string F = "flag=\"{{ flag }}\"";
    private const string B = "flag=~\"{{ flags }}\"";

    [Theory]
    // Aggregations without grouping group by the flag; the flag label is added, so splitting removes it again.
    [InlineData("sum(rate(http_requests_total{F,variant=\"on\",code=~\"5..\"}[5m])) / sum(rate(http_requests_total{F,variant=\"on\"}[5m]))",
        "sum by (flag) (rate(http_requests_total{B,variant=\"on\",code=~\"5..\"}[5m])) / sum by (flag) (rate(http_requests_total{B,variant=\"on\"}[5m]))", true)]
    [InlineData("sum (x{F})", "sum by (flag) (x{B})", true)]
    [InlineData("SUM(x{F})", "SUM by (flag) (x{B})", true)]
    [InlineData("avg(x{F})", "avg by (flag) (x{B})", true)]
    [InlineData("min(x{F})", "min by (flag) (x{B})", true)]
    [InlineData("max(x{F})", "max by (flag) (x{B})", true)]
    [InlineData("count(x{F})", "count by (flag) (x{B})", true)]
    [InlineData("group(x{F})", "group by (flag) (x{B})", true)]
    [InlineData("stddev(x{F})", "stddev by (flag) (x{B})", true)]
    [InlineData("stdvar(x{F})", "stdvar by (flag) (x{B})", true)]
    // by (…) gets the flag label; a clause after the body too; an empty or comma-ended list needs no comma.
    [InlineData("histogram_quantile(0.99, sum by (le) (rate(x_bucket{F}[5m])))", "histogram_quantile(0.99, sum by (le, flag) (rate(x_bucket{B}[5m])))", true)]
    [InlineData("sum by (plan, variant) (x{F})", "sum by (plan, variant, flag) (x{B})", true)]
    [InlineData("sum(x{F}) by (code)", "sum(x{B}) by (code, flag)", true)]
    [InlineData("sum by () (x{F})", "sum by (flag) (x{B})", true)]
    [InlineData("sum by (le,) (x{F})", "sum by (le, flag) (x{B})", true)]
    [InlineData("sum by (on) (x{F})", "sum by (on, flag) (x{B})", true)]
    // Already grouped by the flag, or keeping every label: the single answer carries the label too.
    [InlineData("sum by (flag) (rate(x{F}[5m]))", "sum by (flag) (rate(x{B}[5m]))", false)]
    [InlineData("sum by (le, flag) (x{F})", "sum by (le, flag) (x{B})", false)]
    [InlineData("sum without (instance) (x{F})", "sum without (instance) (x{B})", false)]
    [InlineData("rate(x{F}[5m])", "rate(x{B}[5m])", false)]
    [InlineData("x{F}", "x{B}", false)]
    [InlineData("{__name__=\"x\", F}", "{__name__=\"x\", B}", false)]
    [InlineData("x{F,flag!=\"\"}", "x{B,flag!=\"\"}", false)]
    // Nested: an outer grouping by the flag over an inner aggregation that dropped it still lacks it in the single answer.
    [InlineData("max by (flag) (sum(x{F}))", "max by (flag) (sum by (flag) (x{B}))", true)]
    [InlineData("sum without (code) (sum by (code, plan) (x{F}))", "sum without (code) (sum by (code, plan, flag) (x{B}))", true)]
    // Numbers apply to every series; comparisons filter series by series.
    [InlineData("sum(x{F}) * 100 > 1", "sum by (flag) (x{B}) * 100 > 1", true)]
    [InlineData("1 - sum(x{F}) / sum(y{F})", "1 - sum by (flag) (x{B}) / sum by (flag) (y{B})", true)]
    [InlineData("-sum(x{F})", "-sum by (flag) (x{B})", true)]
    [InlineData("sum(x{F}) > bool 0.5", "sum by (flag) (x{B}) > bool 0.5", true)]
    [InlineData("2 ^ 3 ^ sum(x{F})", "2 ^ 3 ^ sum by (flag) (x{B})", true)]
    // Vector matching: on (…) gets the flag label, ignoring (…) must leave it.
    [InlineData("a{F} / on (code) b{F}", "a{B} / on (code, flag) b{B}", false)]
    [InlineData("sum by (code) (a{F}) / on () sum by (code) (b{F})", "sum by (code, flag) (a{B}) / on (flag) sum by (code, flag) (b{B})", true)]
    [InlineData("a{F} / ignoring (code) b{F}", "a{B} / ignoring (code) b{B}", false)]
    [InlineData("sum(a{F}) and sum(b{F})", "sum by (flag) (a{B}) and sum by (flag) (b{B})", true)]
    [InlineData("sum(a{F}) or sum(b{F})", "sum by (flag) (a{B}) or sum by (flag) (b{B})", true)]
    [InlineData("a{F} unless on (code) b{F}", "a{B} unless on (code, flag) b{B}", false)]
    [InlineData("a{F} atan2 b{F}", "a{B} atan2 b{B}", false)]
    // Functions that keep labels, modifiers and subqueries.
    [InlineData("max_over_time(sum(rate(x{F}[1m]))[10m:1m])", "max_over_time(sum by (flag) (rate(x{B}[1m]))[10m:1m])", true)]
    [InlineData("max_over_time(sum(rate(x{F}[1m]))[10m:])", "max_over_time(sum by (flag) (rate(x{B}[1m]))[10m:])", true)]
    [InlineData("rate(x{F}[5m] offset 1h)", "rate(x{B}[5m] offset 1h)", false)]
    [InlineData("x{F} offset -5m", "x{B} offset -5m", false)]
    [InlineData("x{F} @ 1700000000", "x{B} @ 1700000000", false)]
    [InlineData("rate(x{F}[5m] @ end())", "rate(x{B}[5m] @ end())", false)]
    [InlineData("clamp_min(sum(x{F}), 0)", "clamp_min(sum by (flag) (x{B}), 0)", true)]
    [InlineData("clamp(x{F}, 0, 1)", "clamp(x{B}, 0, 1)", false)]
    [InlineData("round(x{F})", "round(x{B})", false)]
    [InlineData("round(x{F}, 0.1)", "round(x{B}, 0.1)", false)]
    [InlineData("quantile_over_time(0.9, x{F}[5m])", "quantile_over_time(0.9, x{B}[5m])", false)]
    [InlineData("predict_linear(x{F}[1h], 3600)", "predict_linear(x{B}[1h], 3600)", false)]
    [InlineData("abs(ceil(floor(exp(ln(log2(log10(sqrt(sgn(timestamp(x{F}))))))))))", "abs(ceil(floor(exp(ln(log2(log10(sqrt(sgn(timestamp(x{B}))))))))))", false)]
    [InlineData("increase(x{F}[3600s]) + delta(x{F}[1m]) + idelta(x{F}[1m]) + deriv(x{F}[1m]) + irate(x{F}[1m]) + resets(x{F}[1m]) + changes(x{F}[1m])",
        "increase(x{B}[3600s]) + delta(x{B}[1m]) + idelta(x{B}[1m]) + deriv(x{B}[1m]) + irate(x{B}[1m]) + resets(x{B}[1m]) + changes(x{B}[1m])", false)]
    [InlineData("avg_over_time(x{F}[1m]) + min_over_time(x{F}[1m]) + max_over_time(x{F}[1m]) + sum_over_time(x{F}[1m]) + count_over_time(x{F}[1m])",
        "avg_over_time(x{B}[1m]) + min_over_time(x{B}[1m]) + max_over_time(x{B}[1m]) + sum_over_time(x{B}[1m]) + count_over_time(x{B}[1m])", false)]
    [InlineData("stddev_over_time(x{F}[1m]) + stdvar_over_time(x{F}[1m]) + last_over_time(x{F}[1m]) + present_over_time(x{F}[1m])",
        "stddev_over_time(x{B}[1m]) + stdvar_over_time(x{B}[1m]) + last_over_time(x{B}[1m]) + present_over_time(x{B}[1m])", false)]
    // Placeholder spelling, another flag label, comments.
    [InlineData("count(x{flag=\"{{flag}}\"})", "count by (flag) (x{B})", true)]
    [InlineData("# {{ flag }} in a comment stays\nsum(x{F})", "# {{ flag }} in a comment stays\nsum by (flag) (x{B})", true)]
    public void Batchable_queries_become_their_batched_form(string query, string batched, bool labelAdded)
    {
        var analysis = BatchTemplate.Analyze(Expand(query));

        analysis.Reason.ShouldBeNull();
        analysis.Kind.ShouldBe(BatchAnalysisKind.Batchable);
        var template = analysis.Template.ShouldNotBeNull();
        template.Text.ShouldBe(Expand(batched));
        template.Label.ShouldBe("flag");
        template.LabelAdded.ShouldBe(labelAdded);
        template.SingleQuery.ShouldBe(Expand(query));
    }

    [Fact]
    public void The_flag_label_is_whichever_label_carries_the_placeholder()
    {
        var template = BatchTemplate.Analyze("sum(x{feature=\"{{ flag }}\"}) / sum by (le) (y{feature=\"{{ flag }}\"})").Template.ShouldNotBeNull();

        template.Label.ShouldBe("feature");
        template.Text.ShouldBe("sum by (feature) (x{feature=~\"{{ flags }}\"}) / sum by (le, feature) (y{feature=~\"{{ flags }}\"})");
    }

    [Theory]
    [InlineData("1 + 1")]
    [InlineData("sum(rate(up[5m]))")]
    [InlineData("# {{ flag }} only in a comment\nsum(up)")]
    [InlineData("not promql at all $")]
    public void A_query_without_the_flag_is_flag_independent(string query)
    {
        var analysis = BatchTemplate.Analyze(query);

        analysis.Kind.ShouldBe(BatchAnalysisKind.FlagIndependent);
        analysis.Template.ShouldBeNull();
    }

    [Theory]
    [InlineData("topk(3, x{F})", "topk is not batched")]
    [InlineData("bottomk(3, x{F})", "bottomk is not batched")]
    [InlineData("quantile(0.9, x{F})", "quantile is not batched")]
    [InlineData("count_values(\"v\", x{F})", "count_values is not batched")]
    [InlineData("limitk(2, x{F})", "limitk is not batched")]
    [InlineData("scalar(sum(x{F}))", "scalar() turns a vector into one number")]
    [InlineData("sum(x{F}) or vector(0)", "vector() makes a series without labels")]
    [InlineData("absent(x{F})", "absent() takes its labels from equality matchers")]
    [InlineData("absent_over_time(x{F}[5m])", "absent_over_time() takes its labels")]
    [InlineData("label_replace(x{F}, \"a\", \"$1\", \"b\", \"(.*)\")", "label_replace() can rewrite the flag label")]
    [InlineData("label_join(x{F}, \"a\", \",\", \"b\")", "label_join() can rewrite the flag label")]
    [InlineData("sort(x{F})", "sort() orders the whole answer")]
    [InlineData("sort_desc(x{F})", "sort_desc() orders the whole answer")]
    [InlineData("holt_winters(x{F}[5m], 0.5, 0.5)", "holt_winters() is not among the functions known to keep every label")]
    [InlineData("sum without (flag) (x{F})", "'without (flag)' at offset 0 aggregates the flags together")]
    [InlineData("a{F} / ignoring (flag) b{F}", "'ignoring (flag)' would match one flag's series with another's")]
    [InlineData("a{F} / on (code) group_left b{F}", "group_left (many-to-one matching) is not batched")]
    [InlineData("a{F} / on (code) group_right (x) b{F}", "group_right (many-to-one matching) is not batched")]
    [InlineData("sum(x{F}) / sum(up)", "every series selector must select the flag with flag=\"{{ flag }}\"; up does not")]
    [InlineData("x{F} / y{flag=\"other\"}", "y{flag=\"other\"} does not")]
    [InlineData("sum by (flag) (a{F}) / sum(b{F})", "keeps the label flag and the other aggregates it away")]
    [InlineData("a{F} / sum(b{F})", "keeps the label flag and the other aggregates it away")]
    [InlineData("x{flag=~\"{{ flag }}\"}", "the flag must be matched with '='")]
    [InlineData("x{flag!=\"{{ flag }}\"}", "the flag must be matched with '='")]
    [InlineData("x{flag=\"{{ flag }}-canary\"}", "must be the whole value of a label matcher")]
    [InlineData("x{flag='{{ flag }}'}", "write the flag matcher with double quotes")]
    [InlineData("x{flag=`{{ flag }}`}", "write the flag matcher with double quotes")]
    [InlineData("x{\"my.flag\"=\"{{ flag }}\"}", "must be a plain label name")]
    [InlineData("x{flag=\"{{ flag }}\", feature=\"{{ flag }}\"}", "the flag is matched by two labels, flag and feature")]
    [InlineData("x{F} + {{ flag }}", "stands outside a string")]
    [InlineData("x{F,variant=\"{{ variant }}\"}[{{ window }}]", "render every variable but {{ flag }} first; left: {{ variant }}, {{ window }}")]
    [InlineData("label_replace(x, \"a\", \"{{ flag }}\", \"b\", \"\")", "must be the value of a label matcher")]
    [InlineData("x{F}[5m]", "the query must return an instant vector, not a range vector")]
    [InlineData("(sum(x{F}))[5m]", "follows an expression, not a series selector")]
    [InlineData("sum(x{F}) $", "the query is not valid PromQL: unexpected character '$'")]
    [InlineData("sum(x{F}", "expected ')' at offset")]
    [InlineData("sum(x{F}) sum(x{F})", "unexpected 'sum'")]
    [InlineData("x{F, code 5}", "a label matcher at offset 21 is not name, operator and string")]
    [InlineData("sum by (le x) (x{F})", "expected ')' at offset 11, found 'x'")]
    [InlineData("sum by (1) (x{F})", "unexpected '1' at offset 8")]
    [InlineData("x{F} @ now", "unexpected 'now'")]
    [InlineData("x{F} offset", "unexpected the end of the query")]
    [InlineData("x{F} and 1", "matches vectors, and one side is a number")]
    [InlineData("1 / on (code) x{F}", "matches vectors, and one side is a number")]
    [InlineData("histogram_quantile(x{F}, 0.9)", "histogram_quantile() at offset 0 takes (number, instant vector)")]
    [InlineData("rate(x{F})", "rate() at offset 0 takes (range vector)")]
    [InlineData("round(x{F}, 1, 2)", "takes (instant vector, optional number)")]
    [InlineData("sum(x{F}, 2)", "sum() takes one expression")]
    [InlineData("sum(rate(x{F}[5m]) offset 5m)", "needs a series selector or a subquery before it")]
    [InlineData("x{F} + \"text\"", "needs numbers or instant vectors on both sides")]
    [InlineData("sum(x{F}[5m])", "sum() at offset 0 needs an instant vector")]
    public void Queries_that_do_not_batch_say_why(string query, string reason)
    {
        var analysis = BatchTemplate.Analyze(Expand(query));

        analysis.Kind.ShouldBe(BatchAnalysisKind.NotBatchable);
        analysis.Template.ShouldBeNull();
        analysis.Reason.ShouldNotBeNull().ShouldContain(reason);
    }

    private static string Expand(string query) => query.Replace("{F", "{" + F).Replace(",F", "," + F).Replace(", F", ", " + F)
        .Replace("{B", "{" + B).Replace(",B", "," + B).Replace(", B", ", " + B);
}
