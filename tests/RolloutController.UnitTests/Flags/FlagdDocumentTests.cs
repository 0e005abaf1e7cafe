using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RolloutController.Analysis.Segments;
using RolloutController.Bucketing;
using RolloutController.Flags;
using RolloutController.UnitTests.Policies;

namespace RolloutController.UnitTests.Flags;

/// <summary>
/// The flag set in flagd's format (<see cref="FlagdDocument"/>) over the flags of <see cref="FlagYaml"/>. That flagd
/// evaluates it as the controller does is proven by tests/js/flagd against @openfeature/flagd-core.
/// </summary>
public sealed class FlagdDocumentTests
{
    private static IReadOnlyDictionary<string, ServableFlag> Graph(decimal appWeight, bool switchedOff = false, IReadOnlyList<Segment>? excluded = null,
        string text = FlagYaml.Valid)
    {
        var loaded = PolicyYaml.Load(text);
        loaded.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, loaded.Diagnostics));
        return FlagGraph.Build(loaded.Flags, loaded.Segments.ToDictionary(s => s.Name),
            f => f.Key == "new-checkout" ? new FlagLiveState(RolloutBuckets.Threshold(appWeight), switchedOff, excluded ?? []) : FlagLiveState.AsDeclared);
    }

    private static JsonObject Flag(JsonObject document, string key) => document["flags"]![key]!.AsObject();

    private static string Text(JsonNode? node) => node!.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public void A_ramp_is_a_fractional_split_over_the_salt_and_the_targeting_key_in_thousandths_of_a_percent()
    {
        var document = FlagdDocument.Build(Graph(12.345m), "7");

        var targeting = Text(Flag(document, "new-checkout")["targeting"]);
        targeting.ShouldContain("""{"fractional":[{"cat":["payments-v2",{"var":"targetingKey"}]},["on",12345],["off",87655]]}""");
        // The fixed 50% split of the infra prerequisite, inlined with its own salt, compared with the variant it must serve.
        targeting.ShouldContain("""["on",50000],["off",50000]]},null]},"on"]}""");
        Flag(document, "new-checkout")["metadata"]!["rolloutWeight"]!.GetValue<double>().ShouldBe(12.345);
        document["metadata"]!["version"]!.GetValue<string>().ShouldBe("7");
        document["$schema"]!.GetValue<string>().ShouldBe(FlagdDocument.SchemaUrl);
    }

    [Fact]
    public void Rules_keep_their_order_and_a_segment_is_a_shared_evaluator()
    {
        var document = FlagdDocument.Build(Graph(10), "1");

        var targeting = Text(Flag(document, "new-checkout")["targeting"]);
        targeting.IndexOf("ends_with", StringComparison.Ordinal).ShouldBeLessThan(targeting.IndexOf("segment-beta-accounts", StringComparison.Ordinal));
        targeting.ShouldContain("""{"$ref":"segment-beta-accounts"},"on" """.TrimEnd());
        var segment = Text(document["$evaluators"]!["segment-beta-accounts"]);
        segment.ShouldContain("""{"in":[{"var":"targetingKey"},["acct-1","acct-2"]]}""");
        segment.ShouldContain("""{"sem_ver":[{"var":"appVersion"},">=","2.4.0"]}""");
    }

    [Fact]
    public void A_disabled_flag_has_no_targeting_and_serves_its_default_variant()
    {
        var document = FlagdDocument.Build(Graph(50, switchedOff: true), "1");

        var flag = Flag(document, "new-checkout");
        flag["state"]!.GetValue<string>().ShouldBe("ENABLED");
        flag.ContainsKey("targeting").ShouldBeFalse();
        flag["defaultVariant"]!.GetValue<string>().ShouldBe("off");
        flag["metadata"]!["disabled"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void A_flag_serving_one_variant_to_everyone_has_it_as_default_and_no_targeting()
    {
        var text = FlagYaml.With("""
              split:
                  - { variant: on, weight: 50 }
                  - { variant: off, weight: 50 }
            """, """
              variant: on
            """);
        var flag = Flag(FlagdDocument.Build(Graph(10, text: text), "1"), "payments-v2-backend");

        flag.ContainsKey("targeting").ShouldBeFalse();
        flag["defaultVariant"]!.GetValue<string>().ShouldBe("on");
    }

    [Fact]
    public void Negations_and_number_comparisons_are_guarded_by_the_attribute_type_and_dotted_names_are_escaped()
    {
        var text = FlagYaml.With("country: { notIn: [DE] }", "country: { notIn: [DE] }, account.seats: { gte: 10 }");
        var targeting = Text(Flag(FlagdDocument.Build(Graph(10, text: text), "1"), "new-checkout")["targeting"]);

        targeting.ShouldContain("""{"and":[{"starts_with":[{"var":"country"},""]},{"!":{"in":[{"var":"country"},["DE"]]}}]}""");
        targeting.ShouldContain("""{">=":[{"var":"account\\.seats"},10]}""");
        targeting.ShouldContain("""{"!==":[{"var":"account\\.seats"},null]}""");
    }

    [Fact]
    public void A_segment_excluded_from_the_ramp_gets_the_variant_outside_it_by_the_attribute_text()
    {
        var targeting = Text(Flag(FlagdDocument.Build(Graph(10, excluded: [Segment.Of(("plan", "free")), Segment.Of(("tier", "3"))]), "1"),
            "new-checkout")["targeting"]);

        targeting.ShouldContain("""{"or":[{"in":[{"var":"plan"},["free"]]},{"in":[{"var":"tier"},["3",3]]}]},"off" """.TrimEnd());
    }
}
