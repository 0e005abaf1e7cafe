using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

/// <summary>Rules across files: policy names and flag keys are unique in the whole set.</summary>
public sealed class CrossFileRulesTests
{
    [Fact]
    public void A_flag_key_used_by_two_files_is_reported_in_both_with_the_other_location()
    {
        var other = PolicyYaml.With("name: new-checkout", "name: checkout-copy");

        var result = PolicyLoader.Load([new("policies/a.yaml", PolicyYaml.Valid), new("policies/b.yaml", other)]);

        result.Policies.ShouldBeEmpty();
        result.Files[0].Diagnostics.ShouldHaveSingleItem().ShouldBe(new("policies/a.yaml", 13, 10, "spec.flag.key",
            "duplicate flag key 'new-checkout': also used at policies/b.yaml:13:10"));
        result.Files[1].Diagnostics.ShouldHaveSingleItem().ShouldBe(new("policies/b.yaml", 13, 10, "spec.flag.key",
            "duplicate flag key 'new-checkout': also used at policies/a.yaml:13:10"));
    }

    [Fact]
    public void A_policy_name_used_twice_is_reported_at_each_use()
    {
        var other = PolicyYaml.With("key: new-checkout", "key: checkout-copy");

        var result = PolicyLoader.Load([new("policies/a.yaml", PolicyYaml.Valid), new("policies/b.yaml", other)]);

        result.Diagnostics.Select(d => d.ToString()).ShouldBe([
            "policies/a.yaml:4:9: error: metadata.name: duplicate policy name 'new-checkout': also used at policies/b.yaml:4:9",
            "policies/b.yaml:4:9: error: metadata.name: duplicate policy name 'new-checkout': also used at policies/a.yaml:4:9",
        ]);
    }

    [Fact]
    public void Duplicates_between_documents_of_one_file_are_reported_too()
    {
        var errors = PolicyYaml.Errors(PolicyYaml.Valid + "---\n" + PolicyYaml.With("name: new-checkout", "name: copy"));

        errors.Select(e => (e.Line, e.Path)).ShouldBe([(13, "spec.flag.key"), (26 + 13, "spec.flag.key")]);
    }

    [Fact]
    public void Duplicates_are_found_in_documents_that_have_other_problems()
    {
        var broken = PolicyYaml.With("name: new-checkout", "name: copy").Replace("hold: 48h", "hold: 2d2d", StringComparison.Ordinal);

        var result = PolicyLoader.Load([new("a.yaml", PolicyYaml.Valid), new("b.yaml", broken)]);

        result.Files[0].Diagnostics.ShouldHaveSingleItem().Message.ShouldStartWith("duplicate flag key 'new-checkout'");
        result.Files[1].Diagnostics.Count.ShouldBe(2);
    }

    [Fact]
    public void Three_uses_name_both_other_locations()
    {
        var files = new[] { "a.yaml", "b.yaml", "c.yaml" }
            .Select((f, i) => new PolicySourceFile(f, PolicyYaml.With("name: new-checkout", $"name: p{i}")));

        PolicyLoader.Load(files).Files[0].Diagnostics.Single().Message
            .ShouldBe("duplicate flag key 'new-checkout': also used at b.yaml:13:10, c.yaml:13:10");
    }
}
