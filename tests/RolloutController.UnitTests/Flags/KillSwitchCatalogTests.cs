using System.Text.Json;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.UnitTests.Policies;

namespace RolloutController.UnitTests.Flags;

/// <summary>The built-in catalog serves kill switches: any flag, its dependents, the ETag, and a switch-off not stored yet.</summary>
public sealed class KillSwitchCatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly PolicyLoadResult Loaded = PolicyYaml.Load(FlagYaml.Valid);
    private static readonly string[] Keys = [.. Enumerable.Range(0, 400).Select(i => $"user-{i}")];

    private static BuiltinFlagCatalog Catalog()
    {
        Loaded.Diagnostics.ShouldBeEmpty();
        var catalog = new BuiltinFlagCatalog();
        catalog.Set(new ServedFlag("new-checkout", 100, RolloutPhase.Completed, 3, "new-checkout", FlagType.Release));
        catalog.Set(new ServedFlag("plain-release", 50, RolloutPhase.Observing, 2, "plain-release", FlagType.Release));
        catalog.SetDeclarations(Loaded.Flags, Loaded.Segments);
        return catalog;
    }

    private static FlagSwitch Switch(string flag, bool off, long version) => new(flag, off, "alice", "INC-4211", Now, version);

    private static FlagEvaluation Evaluate(BuiltinFlagCatalog catalog, string flag, string key, string context = "{}") =>
        OfrepEvaluator.Evaluate(catalog.Current.Servable[flag], key, JsonDocument.Parse(context).RootElement);

    [Fact]
    public void A_flag_without_a_document_under_rollout_serves_off_to_everyone_while_switched_off_and_its_ramp_when_on_again()
    {
        var catalog = Catalog();
        var before = Keys.Select(k => Evaluate(catalog, "plain-release", k).Variant).ToList();
        before.ShouldContain("on");

        catalog.ApplySwitch(Switch("plain-release", off: true, 1), pinned: false);

        Keys.ShouldAllBe(k => Evaluate(catalog, "plain-release", k).Variant == "off" && Evaluate(catalog, "plain-release", k).Reason == "DISABLED");
        catalog.ApplySwitch(Switch("plain-release", off: false, 2), pinned: false);
        Keys.Select(k => Evaluate(catalog, "plain-release", k).Variant).ShouldBe(before);
    }

    [Fact]
    public void A_declared_flag_without_a_policy_and_its_dependents_serve_their_default_variant_while_it_is_off()
    {
        var catalog = Catalog();
        Keys.Select(k => Evaluate(catalog, "new-checkout", k, """{"email":"a@example.com"}""").Variant).ShouldContain("on");

        catalog.ApplySwitch(Switch("payments-v2-backend", off: true, 1), pinned: false);

        // Rules included: a prerequisite that is off serves its default variant, so no dependent reaches its rules.
        Keys.ShouldAllBe(k => Evaluate(catalog, "payments-v2-backend", k).Reason == "DISABLED");
        Keys.ShouldAllBe(k => Evaluate(catalog, "new-checkout", k, """{"email":"a@example.com"}""").Variant == "off");
        Evaluate(catalog, "new-checkout", "user-1").Reason.ShouldBe("DEFAULT");
        catalog.Current.Servable["payments-v2-backend"].Live.Switch!.Actor.ShouldBe("alice");
    }

    [Fact]
    public void Every_switch_changes_the_bulk_etag_and_the_same_switch_again_does_not()
    {
        var catalog = Catalog();
        var etags = new List<string> { catalog.Current.ETag };

        catalog.ApplySwitch(Switch("new-checkout", off: true, 1), pinned: false);
        etags.Add(catalog.Current.ETag);
        catalog.ApplySwitches([Switch("new-checkout", off: true, 1)]);
        etags.Add(catalog.Current.ETag);
        catalog.ApplySwitch(Switch("new-checkout", off: false, 2), pinned: false);
        etags.Add(catalog.Current.ETag);

        etags[1].ShouldNotBe(etags[0]);
        etags[2].ShouldBe(etags[1]);
        etags[3].ShouldNotBe(etags[1]);
    }

    [Fact]
    public void An_older_stored_switch_never_replaces_a_newer_one_nor_a_switch_off_not_stored_yet()
    {
        var catalog = Catalog();
        catalog.ApplySwitch(Switch("new-checkout", off: true, 3), pinned: true);

        // A refresh that read the store before: version 2 (on), then a newer one of another replica (on, version 4).
        catalog.ApplySwitches([Switch("new-checkout", off: false, 2)]);
        catalog.SwitchOf("new-checkout")!.Version.ShouldBe(3);
        catalog.ApplySwitches([Switch("new-checkout", off: false, 4)]);
        catalog.SwitchOf("new-checkout")!.Off.ShouldBeTrue();

        catalog.UnpinSwitch("new-checkout");
        catalog.ApplySwitches([Switch("new-checkout", off: false, 4)]);
        catalog.SwitchOf("new-checkout")!.Off.ShouldBeFalse();
        catalog.SwitchOf("payments-v2-backend").ShouldBeNull();
    }

    [Fact]
    public void OFREP_metadata_says_who_switched_the_flag_off_and_why()
    {
        var catalog = Catalog();
        catalog.ApplySwitch(Switch("payments-v2-backend", off: true, 1), pinned: false);

        var result = OfrepFlagResult.For(catalog.Current.Servable["payments-v2-backend"], null, Evaluate(catalog, "payments-v2-backend", "user-1"));

        (result.Reason, result.Variant).ShouldBe(("DISABLED", "off"));
        (result.Metadata!.SwitchedOff, result.Metadata.SwitchedOffBy, result.Metadata.SwitchReason).ShouldBe((true, "alice", "INC-4211"));
    }
}
