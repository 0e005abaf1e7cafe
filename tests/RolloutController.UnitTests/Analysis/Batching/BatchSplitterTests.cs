using RolloutController.Analysis;
using RolloutController.Analysis.Batching;

namespace RolloutController.UnitTests.Analysis.Batching;

public sealed class BatchSplitterTests
{
    private static readonly BatchTemplate Aggregated = BatchTemplate.Analyze("sum by (variant) (x{flag=\"{{ flag }}\"})").Template!;
    private static readonly BatchTemplate KeepsFlag = BatchTemplate.Analyze("rate(x{flag=\"{{ flag }}\"}[5m])").Template!;
    private static readonly QueryBatch Batch = new("q", ["a", "b", "c"]);

    [Fact]
    public void An_added_flag_label_is_removed_so_each_answer_is_the_single_querys()
    {
        var answer = VectorOutcome.Of([
            Sample(1.5, ("variant", "on"), ("flag", "a")),
            Sample(2.5, ("flag", "b"), ("variant", "on")),
            Sample(0.5, ("variant", "off"), ("flag", "a")),
        ]);

        var split = Aggregated.Split(Batch, answer);

        Describe(split["a"]).ShouldBe(["{variant=on} 1.5", "{variant=off} 0.5"]);
        Describe(split["b"]).ShouldBe(["{variant=on} 2.5"]);
    }

    [Fact]
    public void A_flag_label_the_single_query_keeps_stays()
    {
        var series = Sample(3, ("__name__", "x"), ("flag", "b"), ("pod", "p1"));

        var split = KeepsFlag.Split(Batch, VectorOutcome.Of([series]));

        split["b"].Series.ShouldHaveSingleItem().ShouldBeSameAs(series);
    }

    [Fact]
    public void A_flag_without_series_gets_an_empty_answer_not_an_error()
    {
        var split = Aggregated.Split(Batch, VectorOutcome.Of([Sample(1, ("flag", "a"))]));

        split.Keys.Order().ShouldBe(["a", "b", "c"]);
        split["b"].ShouldBe(VectorOutcome.Empty());
        split["c"].Kind.ShouldBe(QueryOutcomeKind.Empty);
        split["a"].Kind.ShouldBe(QueryOutcomeKind.Value);
    }

    [Fact]
    public void An_empty_batched_answer_is_empty_for_every_flag()
    {
        var split = Aggregated.Split(Batch, VectorOutcome.Empty());

        split.Values.ShouldAllBe(v => v == VectorOutcome.Empty());
    }

    [Fact]
    public void A_failed_batch_fails_every_flag_with_the_same_error()
    {
        var failed = VectorOutcome.Failed("Prometheus error (execution, HTTP 422): query timed out");

        var split = Aggregated.Split(Batch, failed);

        split.Count.ShouldBe(3);
        split.Values.ShouldAllBe(v => v == failed);
    }

    [Fact]
    public void Values_pass_through_bit_for_bit()
    {
        var split = Aggregated.Split(Batch, VectorOutcome.Of([
            Sample(double.NaN, ("flag", "a")), Sample(double.PositiveInfinity, ("flag", "b")), Sample(-0.0, ("flag", "c")),
        ]));

        double.IsNaN(split["a"].Series.Single().Value).ShouldBeTrue();
        split["b"].Series.Single().Value.ShouldBe(double.PositiveInfinity);
        BitConverter.DoubleToInt64Bits(split["c"].Series.Single().Value).ShouldBe(BitConverter.DoubleToInt64Bits(-0.0));
    }

    [Fact]
    public void Series_of_keys_outside_the_batch_are_no_flags_answer()
    {
        var split = Aggregated.Split(Batch, VectorOutcome.Of([Sample(1, ("flag", "z")), Sample(2, ("other", "x"))]));

        split.Values.ShouldAllBe(v => v.Kind == QueryOutcomeKind.Empty);
    }

    internal static LabeledSample Sample(double value, params (string Name, string Value)[] labels) =>
        new(labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal), value);

    internal static IEnumerable<string> Describe(VectorOutcome outcome) =>
        outcome.Series.Select(s => "{" + string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) + "} " +
                                   s.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
