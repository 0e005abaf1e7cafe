using RolloutController.Analysis;

namespace RolloutController.UnitTests.Analysis;

public sealed class PromQlGroupingTests
{
    [Theory]
    [InlineData("rate(x[5m])", "")]
    [InlineData("sum(rate(x[5m]))", "sum:-")]
    [InlineData("sum by (plan) (rate(x[5m]))", "sum:by plan")]
    [InlineData("sum(rate(x[5m])) by (plan, variant)", "sum:by plan,variant")]
    [InlineData("sum without (instance) (x)", "sum:without instance")]
    [InlineData("sum by (le) (rate(b[5m])) / count(x)", "sum:by le|count:-")]
    [InlineData("histogram_quantile(0.99, sum by (le, plan) (rate(b[5m])))", "sum:by le,plan")]
    [InlineData("sum by (plan) (max by (plan, pod) (x))", "sum:by plan")]
    [InlineData("x{job=\"sum(\",code=~\"5..\"} + summary_total", "")]
    [InlineData("topk(3, sum by (plan) (x))", "topk:-")]
    public void Outermost_aggregations_are_found_with_their_clauses(string query, string expected)
    {
        var found = PromQlGrouping.OutermostAggregations(query).Select(a =>
            a.Operator + ":" + (a.Clause is null ? "-" : (a.Clause.Without ? "without " : "by ") + string.Join(",", a.Clause.Labels.Order())));
        string.Join("|", found).ShouldBe(expected);
    }

    [Theory]
    [InlineData("rate(x[5m])", nameof(LabelKept.NoAggregation))]
    [InlineData("sum by (plan) (x) / sum by (plan) (y)", nameof(LabelKept.Kept))]
    [InlineData("sum by (plan) (x) / sum(y)", nameof(LabelKept.Dropped))]
    [InlineData("sum without (pod) (x)", nameof(LabelKept.Kept))]
    public void The_fate_of_a_label_follows_every_outermost_aggregation(string query, string kept) =>
        PromQlGrouping.Fate(query, "plan").Kept.ShouldBe(Enum.Parse<LabelKept>(kept));
}
