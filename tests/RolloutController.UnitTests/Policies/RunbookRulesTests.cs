namespace RolloutController.UnitTests.Policies;

/// <summary>Rules for <c>metadata.runbook</c> and a guardrail's <c>runbook</c>: absolute http(s) URLs.</summary>
public sealed class RunbookRulesTests
{
    private const string Reason = "reason: One-page checkout to lift conversion";
    private const string Max = "max: 0.01";

    [Theory]
    [InlineData("https://wiki.example.com/runbooks/checkout")]
    [InlineData("http://runbooks.internal:8080/checkout?section=rollback#first-steps")]
    public void Runbooks_are_absolute_http_urls(string url)
    {
        var policy = PolicyYaml.Load(PolicyYaml.With(Reason, $"{Reason}\n  runbook: {url}").Replace(Max, $"{Max}\n        runbook: {url}/errors"))
            .Policies.Single();

        policy.Metadata.Runbook.ShouldBe(url);
        policy.Analysis.Guardrails.Single().Runbook.ShouldBe(url + "/errors");
    }

    [Fact]
    public void Runbooks_are_optional()
    {
        var policy = PolicyYaml.Load(PolicyYaml.Valid).Policies.Single();

        policy.Metadata.Runbook.ShouldBeNull();
        policy.Analysis.Guardrails.Single().Runbook.ShouldBeNull();
    }

    [Theory]
    [InlineData("wiki/runbooks/checkout")]
    [InlineData("ftp://files.example.com/runbook.txt")]
    [InlineData("https://")]
    [InlineData("'https://wiki.example.com/run book'")]
    [InlineData("mailto:oncall@example.com")]
    public void A_policy_runbook_that_is_not_an_absolute_http_url_is_refused_where_it_is(string url)
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With(Reason, $"{Reason}\n  runbook: {url}"));

        error.Path.ShouldBe("metadata.runbook");
        (error.Line, error.Column).ShouldBe((8, 12));
        error.Message.ShouldEndWith("is not an absolute http(s) URL: write it in full, e.g. https://wiki.example.com/runbooks/checkout");
    }

    [Theory]
    [InlineData("runbooks/error-rate")]
    [InlineData("[https://wiki.example.com]")]
    [InlineData("42")]
    public void A_guardrail_runbook_that_is_not_an_absolute_http_url_is_refused_where_it_is(string url)
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With(Max, $"{Max}\n        runbook: {url}"));

        error.Path.ShouldBe("spec.analysis.guardrails[0].runbook");
        (error.Line, error.Column).ShouldBe((25, 18));
    }
}
