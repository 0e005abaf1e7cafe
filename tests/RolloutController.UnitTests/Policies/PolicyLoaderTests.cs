using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

public sealed class PolicyLoaderTests
{
    [Fact]
    public void Loads_a_valid_policy_with_every_field()
    {
        var result = PolicyYaml.Load(PolicyYaml.Valid);

        result.Diagnostics.ShouldBeEmpty();
        var policy = result.Policies.ShouldHaveSingleItem();
        policy.Metadata.ShouldBe(new PolicyMetadata("new-checkout", "team-payments", FlagType.Release,
            "One-page checkout to lift conversion",
            new RemovalSpec("at 100% for 7 days with guardrails green", new DateOnly(2026, 12, 15))));
        policy.Flag.ShouldBe(new FlagSpec("new-checkout", "builtin"));
        policy.Stages.ShouldBe([new StageSpec(1m, TimeSpan.FromHours(24)), new StageSpec(10m, TimeSpan.FromHours(48))]);
        policy.Analysis.Interval.ShouldBe(TimeSpan.FromMinutes(1));
        policy.Analysis.ConsecutiveErrorLimit.ShouldBe(5);
        policy.Analysis.ConsecutiveNoDataLimit.ShouldBe(15);
        policy.Analysis.Guardrails.ShouldHaveSingleItem().ShouldBe(
            new GuardrailSpec("error-rate", "sum(rate(errors_total{flag=\"{{ flag }}\"}[5m]))", 0.01, null, 2, NoDataAction.Hold));
        policy.Notify.ShouldBe(["oncall-payments"]);
        policy.Source.ShouldBe(PolicyYaml.File);
    }

    [Fact]
    public void Revision_is_a_short_sha256_of_the_document_text()
    {
        var policy = PolicyYaml.Load(PolicyYaml.Valid).Policies.Single();

        policy.Revision.ShouldMatch("^[0-9a-f]{12}$");
        policy.Revision.ShouldBe(PolicyDocumentReader.Revision(PolicyYaml.Valid));
        PolicyYaml.Load(PolicyYaml.Valid + "# reviewed\n").Policies.Single().Revision.ShouldNotBe(policy.Revision);
    }

    [Fact]
    public void Applies_defaults_for_omitted_optional_fields()
    {
        const string text = """
            apiVersion: rollout-controller/v1
            kind: RolloutPolicy
            metadata: { name: switch, owner: ops, type: ops, reason: kill switch }
            spec:
              flag: { key: switch }
              analysis:
                guardrails: [{ name: errors, query: up, min: 1 }]
            """;

        var policy = PolicyYaml.Load(text).Policies.ShouldHaveSingleItem();

        policy.Metadata.Removal.ShouldBeNull();
        policy.Stages.ShouldBe(RolloutPolicy.DefaultStages);
        policy.Analysis.ShouldBe(new AnalysisSpec(TimeSpan.FromMinutes(1), policy.Analysis.Guardrails, 5, 15));
        policy.Analysis.Guardrails.Single().ShouldBe(new GuardrailSpec("errors", "up", null, 1, 2, NoDataAction.Hold));
        policy.Notify.ShouldBeEmpty();
    }

    [Fact]
    public void Reads_every_document_of_a_multi_document_file_with_its_own_revision()
    {
        var second = PolicyYaml.Valid.Replace("new-checkout", "old-checkout", StringComparison.Ordinal);
        var result = PolicyYaml.Load(PolicyYaml.Valid + "---\n" + second);

        result.Diagnostics.ShouldBeEmpty();
        result.Policies.Select(p => p.Flag.Key).ShouldBe(["new-checkout", "old-checkout"]);
        result.Policies[0].Revision.ShouldNotBe(result.Policies[1].Revision);
    }

    [Fact]
    public void An_invalid_document_makes_the_whole_file_invalid()
    {
        var second = PolicyYaml.Valid.Replace("new-checkout", "old-checkout", StringComparison.Ordinal).Replace("owner: team-payments", "owner: ''", StringComparison.Ordinal);
        var file = PolicyYaml.Load(PolicyYaml.Valid + "---\n" + second).Files.Single();

        file.IsValid.ShouldBeFalse();
        file.Policies.ShouldBeEmpty();
        var error = file.Diagnostics.ShouldHaveSingleItem();
        error.Line.ShouldBe(26 + 5);
        error.Path.ShouldBe("metadata.owner");
    }

    [Fact]
    public void Keeps_results_per_file_in_the_given_order()
    {
        var other = PolicyYaml.Valid.Replace("new-checkout", "other", StringComparison.Ordinal);
        var result = PolicyLoader.Load([new("b.yaml", "kind: nope\n"), new("a.yaml", other)]);

        result.Files.Select(f => f.File).ShouldBe(["b.yaml", "a.yaml"]);
        result.Files[0].IsValid.ShouldBeFalse();
        result.Files[1].IsValid.ShouldBeTrue();
        result.IsValid.ShouldBeFalse();
        result.Policies.ShouldHaveSingleItem().Source.ShouldBe("a.yaml");
    }

    [Fact]
    public void Formats_diagnostics_like_a_compiler()
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With("- weight: 10", "- weight: 1"));

        error.ToString().ShouldBe("policies/a.yaml:17:15: error: spec.stages[1].weight: must be greater than the previous stage's weight 1, got 1");
        new PolicyDiagnostic("a.yaml", 1, 1, "", "invalid YAML").ToString().ShouldBe("a.yaml:1:1: error: invalid YAML");
    }

    [Fact]
    public void Reports_every_problem_at_once_in_document_order()
    {
        var text = PolicyYaml.Valid
            .Replace("owner: team-payments", "owner: ''", StringComparison.Ordinal)
            .Replace("type: release", "type: beta", StringComparison.Ordinal)
            .Replace("hold: 48h", "hold: 2 days", StringComparison.Ordinal)
            .Replace("interval: 1m", "interval: 500ms", StringComparison.Ordinal)
            .Replace("max: 0.01", "max: 0.01\n        color: red", StringComparison.Ordinal);

        PolicyYaml.Errors(text).Select(e => e.Path).ShouldBe([
            "metadata.owner", "metadata.type", "spec.stages[1].hold", "spec.analysis.interval", "spec.analysis.guardrails[0].color"]);
    }
}
