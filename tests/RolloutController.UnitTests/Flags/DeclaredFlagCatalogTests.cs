using System.Text.Json;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.UnitTests.Policies;

namespace RolloutController.UnitTests.Flags;

/// <summary>The built-in catalog serves Flag documents: as declared, over their rollout's share, and after their prerequisite's.</summary>
public sealed class DeclaredFlagCatalogTests
{
    private static readonly PolicyLoadResult Loaded = PolicyYaml.Load(FlagYaml.Valid);

    private static BuiltinFlagCatalog Catalog(decimal appWeight)
    {
        Loaded.Diagnostics.ShouldBeEmpty();
        var catalog = new BuiltinFlagCatalog();
        catalog.Set(new ServedFlag("new-checkout", appWeight, RolloutPhase.Observing, 1, "new-checkout", FlagType.Release));
        catalog.SetDeclarations(Loaded.Flags, Loaded.Segments);
        return catalog;
    }

    private static JsonElement Context(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Declared_flags_are_served_with_and_without_a_policy()
    {
        var servable = Catalog(100).Current.Servable;

        servable.Keys.Order(StringComparer.Ordinal).ShouldBe(["new-checkout", "payments-v2-backend"]);
        servable["payments-v2-backend"].Definition.Layer.ShouldBe(FlagLayer.Infra);
        var staff = OfrepEvaluator.Evaluate(servable["new-checkout"], "acct-1", Context("""{"email":"a@example.com"}"""));
        (staff.Variant, staff.Reason).ShouldBe(("on", "TARGETING_MATCH"));
    }

    [Fact]
    public void A_rollout_change_reaches_the_declared_flag_and_changes_the_etag()
    {
        var catalog = Catalog(0);
        var before = catalog.Current;
        var key = Enumerable.Range(0, 1000).Select(i => $"u{i}").First(k => RolloutController.Bucketing.RolloutBuckets.BucketOf("payments-v2", k) < 10_000);

        OfrepEvaluator.Evaluate(before.Servable["new-checkout"], key).Variant.ShouldBe("off");
        catalog.Set(new ServedFlag("new-checkout", 50, RolloutPhase.Observing, 2, "new-checkout", FlagType.Release));

        catalog.Current.ETag.ShouldNotBe(before.ETag);
        var now = OfrepEvaluator.Evaluate(catalog.Current.Servable["new-checkout"], key);
        (now.Variant, now.Reason).ShouldBe(("on", "SPLIT"));
    }

    [Fact]
    public void The_engine_learns_what_an_app_flags_infra_prerequisite_serves()
    {
        var catalog = Catalog(10);

        catalog.PrerequisitesOf("new-checkout").ShouldBe([new PrerequisiteShare("payments-v2-backend", 50m)]);
        catalog.PrerequisitesOf("payments-v2-backend").ShouldBeEmpty();
        catalog.PrerequisitesOf("unknown").ShouldBeEmpty();
    }

    [Fact]
    public void New_declarations_change_the_etag_and_removed_ones_stop_being_served()
    {
        var catalog = Catalog(10);
        var before = catalog.Current.ETag;

        catalog.SetDeclarations([], []);

        catalog.Current.ETag.ShouldNotBe(before);
        catalog.Current.Servable.Keys.ShouldBe(["new-checkout"], "the rollout stays, as an implicit flag");
        catalog.Current.Servable["new-checkout"].Definition.Variants.Select(v => v.Name).ShouldBe(["on", "off"]);
    }
}
