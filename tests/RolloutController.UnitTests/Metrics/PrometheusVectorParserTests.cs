using System.Net;
using RolloutController.Analysis;
using RolloutController.Metrics.Prometheus;

namespace RolloutController.UnitTests.Metrics;

/// <summary>The same parser read as labelled series (per-cohort and per-segment guardrails).</summary>
public sealed class PrometheusVectorParserTests
{
    private static VectorOutcome Vector(string body) => PrometheusResponseParser.Parse(HttpStatusCode.OK, body).Vector;

    [Fact]
    public void Every_series_comes_back_with_its_labels_and_value()
    {
        var outcome = Vector("""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"plan":"free","variant":"on"},"value":[1700000000,"0.25"]},
              {"metric":{"plan":"pro","variant":"on"},"value":[1700000000,"NaN"]}]}}
            """);

        outcome.Kind.ShouldBe(QueryOutcomeKind.Value);
        outcome.Series.Select(s => (s.Label("plan"), s.Label("variant"), s.Label("absent"))).ShouldBe([("free", "on", ""), ("pro", "on", "")]);
        outcome.Series[0].Value.ShouldBe(0.25);
        double.IsNaN(outcome.Series[1].Value).ShouldBeTrue();
        outcome.ToScalar().Kind.ShouldBe(QueryOutcomeKind.MultipleSeries);
    }

    [Fact]
    public void Empty_scalar_and_failures_are_defined()
    {
        Vector("""{"status":"success","data":{"resultType":"vector","result":[]}}""").Kind.ShouldBe(QueryOutcomeKind.Empty);
        Vector("""{"status":"success","data":{"resultType":"scalar","result":[1700000000,"3"]}}""").Series.Single().Value.ShouldBe(3);
        var bad = Vector("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"x"]}]}}""");
        bad.Kind.ShouldBe(QueryOutcomeKind.Error);
        bad.Detail.ShouldBe("malformed response: data.result[0].value value 'x' is not a number");
    }
}
