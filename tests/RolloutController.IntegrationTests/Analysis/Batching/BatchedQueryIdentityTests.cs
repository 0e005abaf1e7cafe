using RolloutController.Analysis;
using RolloutController.Analysis.Batching;
using RolloutController.TestUtilities.Batching;

namespace RolloutController.IntegrationTests.Analysis.Batching;

/// <summary>
/// On a real Prometheus, every flag's answer split out of the batched query is the answer of the flag's own query, at
/// the same evaluation time: the same kind, the same series with the same labels, the same values bit for bit.
/// </summary>
public sealed class BatchedQueryIdentityTests(BatchingPrometheusFixture prometheus) : IClassFixture<BatchingPrometheusFixture>
{
    /// <summary>Realistic guardrail shapes beyond the documented examples, one for each kind of rewrite.</summary>
    private static readonly GuardrailQuery[] MoreShapes =
    [
        new("grouped-by-flag", """sum by (flag, variant) (rate(http_requests_total{flag="{{ flag }}"}[5m]))"""),
        new("no-aggregation", """rate(http_requests_total{flag="{{ flag }}",variant="on",code="500"}[5m])"""),
        new("avg-max-without", """avg without (code, plan) (rate(http_requests_total{flag="{{ flag }}",code="500"}[5m])) / max without (code, plan) (rate(http_requests_total{flag="{{ flag }}"}[5m]))"""),
        new("stddev-count", """stddev(rate(http_requests_total{flag="{{ flag }}"}[5m])) / count(http_requests_total{flag="{{ flag }}"})"""),
        new("p50-by-variant", """histogram_quantile(0.5, sum by (le, variant) (rate(http_request_duration_seconds_bucket{flag="{{ flag }}"}[10m])))"""),
        new("on-empty-list", """sum(rate(http_requests_total{flag="{{ flag }}",code="500"}[5m])) / on () sum(rate(http_requests_total{flag="{{ flag }}"}[5m]))"""),
        new("on-plan", """sum by (plan) (rate(http_requests_total{flag="{{ flag }}",code="500"}[5m])) / on (plan) sum by (plan) (rate(http_requests_total{flag="{{ flag }}"}[5m]))"""),
        new("clamped-bool", """clamp_max(sum(rate(http_requests_total{flag="{{ flag }}",code="500"}[5m])) / sum(rate(http_requests_total{flag="{{ flag }}"}[5m])), 1) > bool 0.003"""),
        new("cohort-difference", """sum(increase(http_requests_total{flag="{{ flag }}",variant="on"}[3600s])) - sum(increase(http_requests_total{flag="{{ flag }}",variant="off"}[3600s]))"""),
        new("subquery", """max_over_time(sum(rate(http_requests_total{flag="{{ flag }}",code="500"}[1m]))[10m:1m])"""),
        new("filter", """sum by (variant) (rate(http_requests_total{flag="{{ flag }}"}[5m])) > 40"""),
        new("set-operator", """sum by (variant) (rate(payments_total{flag="{{ flag }}",outcome="failed"}[2m])) and sum by (variant) (rate(payments_total{flag="{{ flag }}"}[2m])) > 5"""),
        new("offset", """sum(increase(checkout_started_total{flag="{{ flag }}"}[10m] offset 30m))"""),
    ];

    private static readonly Dictionary<string, GuardrailQuery> Queries =
        ExampleGuardrailQueries.FromPolicies().Concat(ExampleGuardrailQueries.FromDocs()).Concat(MoreShapes).ToDictionary(q => q.Name);

    public static TheoryData<string> Names() => new(Queries.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Each_flags_share_of_the_batched_answer_is_its_own_answer(string name)
    {
        var query = Queries[name];
        var template = BatchTemplate.Analyze(query.Query).Template.ShouldNotBeNull(name);
        using var client = new InstantQuery(prometheus.Server.BaseUri);

        var single = new Dictionary<string, VectorOutcome>();
        foreach (var flag in BatchingHistory.Queried)
            single[flag] = await client.RunAsync(QueryTemplate.Render(query.Query, new Dictionary<string, string> { ["flag"] = flag }), prometheus.EvaluatedAt);
        single.Values.ShouldAllBe(v => v.Kind != QueryOutcomeKind.Error, string.Join("; ", single.Values.Select(v => v.Detail)));
        single.Values.Count(v => v.Kind == QueryOutcomeKind.Value).ShouldBeGreaterThanOrEqualTo(3, "the data must make most flags' answers non-empty");
        single[BatchingHistory.Ghost].Kind.ShouldBe(QueryOutcomeKind.Empty);

        // Once in as few queries as the limit allows (one), once cut into batches of a few flags.
        var shortest = template.Render([BatchingHistory.Queried[0]]).Single().Query.Length;
        foreach (var limit in new[] { BatchTemplate.MaxQueryLength, shortest + 60 })
        {
            var batches = template.Render(BatchingHistory.Queried, limit);
            if (limit == BatchTemplate.MaxQueryLength) batches.Count.ShouldBe(1);
            else batches.Count.ShouldBeGreaterThan(1);
            foreach (var batch in batches)
            {
                var answer = await client.RunAsync(batch.Query, prometheus.EvaluatedAt);
                answer.Kind.ShouldNotBe(QueryOutcomeKind.Error, answer.Detail);
                // The escaped regex selects the batch's keys only: never a decoy that an unescaped '.' or '+' would match.
                answer.Series.Select(s => s.Label(template.Label)).ShouldAllBe(f => batch.Flags.Contains(f));
                foreach (var (flag, outcome) in template.Split(batch, answer))
                {
                    outcome.Kind.ShouldBe(single[flag].Kind, $"{name} for {flag}");
                    Canonical(outcome).ShouldBe(Canonical(single[flag]), $"{name} for {flag}: {batch.Query}");
                }
            }
        }
    }

    [Fact]
    public void Every_query_shape_of_the_test_batches() =>
        Queries.Values.ShouldAllBe(q => BatchTemplate.Analyze(q.Query).Kind == BatchAnalysisKind.Batchable);

    /// <summary>Series sorted by their labels (Prometheus does not order an instant vector), each value as its bits.</summary>
    private static List<string> Canonical(VectorOutcome outcome) =>
        outcome.Series
            .Select(s => string.Join(",", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) +
                         " " + BitConverter.DoubleToInt64Bits(s.Value).ToString("x16", System.Globalization.CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal)
            .ToList();
}
