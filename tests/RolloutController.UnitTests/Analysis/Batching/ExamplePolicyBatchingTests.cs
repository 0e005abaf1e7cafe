using RolloutController.Analysis.Batching;
using RolloutController.TestUtilities.Batching;

namespace RolloutController.UnitTests.Analysis.Batching;

/// <summary>Every query the example policies, the README and docs/policies.md give batches, into the expected form.</summary>
public sealed class ExamplePolicyBatchingTests
{
    private static readonly Dictionary<string, string> Queries =
        ExampleGuardrailQueries.FromPolicies().Concat(ExampleGuardrailQueries.FromDocs()).ToDictionary(q => q.Name, q => q.Query);

    public static TheoryData<string> Names() => new(Queries.Keys);

    [Fact]
    public void Every_example_policy_query_is_covered()
    {
        Queries.Keys.ShouldContain("new-checkout/error-rate");
        Queries.Keys.ShouldContain("checkout-canary/error-rate/numerator/off");
        Queries.Keys.ShouldContain("checkout-canary/sample-ratio");
        Queries.Keys.ShouldContain("search-ranking-experiment/search-latency-p95");
        Queries.Keys.ShouldContain("payments-killswitch/payment-failure-rate");
        Queries.Keys.ShouldContain("payments-v2-backend/error-rate");
        Queries.Keys.ShouldContain("checkout-v2/error-rate");
        Queries.Count.ShouldBe(20);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_example_query_batches(string name)
    {
        var analysis = BatchTemplate.Analyze(Queries[name]);

        analysis.Reason.ShouldBeNull();
        analysis.Kind.ShouldBe(BatchAnalysisKind.Batchable);
        analysis.Template.ShouldNotBeNull().Label.ShouldBe("flag");
    }

    [Theory]
    [InlineData("new-checkout/error-rate", true,
        "sum by (flag) (rate(http_requests_total{flag=~\"{{ flags }}\",variant=\"on\",code=~\"5..\"}[5m])) / sum by (flag) (rate(http_requests_total{flag=~\"{{ flags }}\",variant=\"on\"}[5m]))\n")]
    [InlineData("checkout-canary/error-rate/numerator/on", true,
        "sum by (flag) (increase(http_requests_total{flag=~\"{{ flags }}\",variant=\"on\",code=~\"5..\"}[3600s]))\n")]
    [InlineData("checkout-canary/p99-latency/off", true,
        "histogram_quantile(0.99, sum by (le, flag) (rate(http_request_duration_seconds_bucket{flag=~\"{{ flags }}\",variant=\"off\"}[5m])))\n")]
    [InlineData("checkout-canary/conversion", true,
        "sum by (variant, flag) (rate(checkout_completed_total{flag=~\"{{ flags }}\"}[30m])) / sum by (variant, flag) (rate(checkout_started_total{flag=~\"{{ flags }}\"}[30m]))\n")]
    [InlineData("checkout-canary/errors-by-plan", true,
        "sum by (plan, flag) (rate(http_requests_total{flag=~\"{{ flags }}\",variant=\"on\",code=~\"5..\"}[5m])) / sum by (plan, flag) (rate(http_requests_total{flag=~\"{{ flags }}\",variant=\"on\"}[5m]))\n")]
    [InlineData("checkout-canary/sample-ratio", true,
        "sum by (variant, flag) (increase(feature_flag_evaluations_total{flag=~\"{{ flags }}\"}[3600s]))\n")]
    public void Example_queries_become_the_documented_batched_form(string name, bool labelAdded, string batched)
    {
        var template = BatchTemplate.Analyze(Queries[name]).Template.ShouldNotBeNull();

        template.Text.ShouldBe(batched);
        template.LabelAdded.ShouldBe(labelAdded);
    }

    [Fact]
    public void Rendering_the_other_variables_leaves_the_flag_standing()
    {
        var rendered = FlagPlaceholder.RenderOthers(
            "sum(increase(x{flag=\"{{flag}}\",variant=\"{{ variant }}\"}[{{ window }}]))",
            new Dictionary<string, string> { ["variant"] = "on", ["window"] = "60s" });

        rendered.ShouldBe("sum(increase(x{flag=\"{{ flag }}\",variant=\"on\"}[60s]))");
    }
}
