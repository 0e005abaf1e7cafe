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
        result.Policies.Select(p => p.Metadata.Type).ShouldBe([FlagType.Release, FlagType.Release, FlagType.Ops, FlagType.Experiment]);
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

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "RolloutController.sln"))) return dir.FullName;
        throw new InvalidOperationException($"RolloutController.sln not found above {AppContext.BaseDirectory}");
    }
}
