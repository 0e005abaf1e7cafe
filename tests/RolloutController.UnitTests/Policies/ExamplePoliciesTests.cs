using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

/// <summary>The policies shipped in <c>policies/</c> are valid, so they can be copied as starting points.</summary>
public sealed class ExamplePoliciesTests
{
    [Fact]
    public void Every_example_policy_passes_validation()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "policies"))
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => new PolicySourceFile(Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();

        var result = PolicyLoader.Load(files);

        files.Count.ShouldBeGreaterThanOrEqualTo(3);
        result.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, result.Diagnostics));
        result.Warnings.ShouldBeEmpty(string.Join(Environment.NewLine, result.Warnings));
        result.Policies.Select(p => p.Metadata.Type).ShouldBe([FlagType.Release, FlagType.Release, FlagType.Ops, FlagType.Release, FlagType.Release, FlagType.Experiment]);
        result.Flags.Select(f => (f.Key, f.Metadata.Type)).ShouldBe([
            ("checkout.button-copy", FlagType.Experiment), ("payments-v2-backend", FlagType.Release), ("checkout-v2", FlagType.Release),
            ("recommendations.enabled", FlagType.Ops), ("sso-login", FlagType.Permission),
        ]);
    }

    [Fact]
    public void The_new_checkout_example_is_the_documented_one()
    {
        var path = Path.Combine(RepositoryRoot(), "policies", "new-checkout.yaml");
        var policy = PolicyLoader.Load([new(path, File.ReadAllText(path))]).Policies.ShouldHaveSingleItem();

        policy.Stages.ShouldBe(RolloutPolicy.DefaultStages);
        policy.Analysis.Guardrails.Select(g => (g.Name, g.Max, g.Min)).ShouldBe([("error-rate", 0.01, (double?)null), ("checkout-conversion", null, 0.03)]);
        policy.Notify.ShouldBe(["oncall-payments"]);
    }

    [Fact]
    public void The_checkout_canary_example_uses_every_kind_of_analysis()
    {
        var path = Path.Combine(RepositoryRoot(), "policies", "checkout-canary.yaml");
        var policy = PolicyLoader.Load([new(path, File.ReadAllText(path))]).Policies.ShouldHaveSingleItem();

        policy.Analysis.Guardrails.Select(g => (g.Name, g.Kind, g.By.Count)).ShouldBe([
            ("error-rate", GuardrailKind.Sequential, 0),
            ("p99-latency", GuardrailKind.Comparison, 0),
            ("conversion", GuardrailKind.Comparison, 0),
            ("errors-by-plan", GuardrailKind.Threshold, 1),
        ]);
        policy.Analysis.SampleRatio.ShouldNotBeNull();
        policy.Analysis.InconclusiveLimit.ShouldBe(new RoundLimit(720, LimitAction.Notify));
    }

    [Fact]
    public void The_flag_examples_show_a_kill_switch_a_permission_flag_a_string_experiment_and_a_release_across_layers()
    {
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "policies"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => new PolicySourceFile(Path.GetFileName(f), File.ReadAllText(f))).ToList();
        var flags = PolicyLoader.Load(files).Flags.ToDictionary(f => f.Key);

        flags["recommendations.enabled"].Fallthrough.Kind.ShouldBe(RolloutController.Flags.FallthroughKind.Variant, "a kill switch serves as declared");
        var sso = flags["sso-login"];
        sso.Rules[0].When.ShouldHaveSingleItem().Operator.ShouldBe(RolloutController.Flags.ConditionOperator.In);
        sso.Rules[0].When[0].Values.ShouldHaveSingleItem().Text.ShouldBe("enterprise");
        flags["checkout.button-copy"].Kind.ShouldBe(RolloutController.Flags.VariantKind.String);
        var app = flags["checkout-v2"];
        app.Layer.ShouldBe(RolloutController.Flags.FlagLayer.App);
        app.Prerequisites.ShouldHaveSingleItem().Flag.ShouldBe("payments-v2-backend");
        flags["payments-v2-backend"].Layer.ShouldBe(RolloutController.Flags.FlagLayer.Infra);
        app.Salt.ShouldBe(flags["payments-v2-backend"].Salt);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RolloutController.sln"))) return dir.FullName;
        throw new InvalidOperationException($"RolloutController.sln not found above {AppContext.BaseDirectory}");
    }
}
