using RolloutController.Analysis.Segments;
using RolloutController.Bucketing;
using RolloutController.Flags;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.UnitTests.Policies;

namespace RolloutController.UnitTests.Flags;

/// <summary>The evaluation order and the reason each path reports, over the flags of <see cref="FlagYaml"/>.</summary>
public sealed class FlagEvaluatorTests
{
    private static readonly PolicyLoadResult Loaded = PolicyYaml.Load(FlagYaml.Valid);

    private static IReadOnlyDictionary<string, ServableFlag> Graph(decimal appWeight, bool switchedOff = false, IReadOnlyList<Segment>? excluded = null, string text = FlagYaml.Valid)
    {
        var loaded = text == FlagYaml.Valid ? Loaded : PolicyYaml.Load(text);
        loaded.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, loaded.Diagnostics));
        return FlagGraph.Build(loaded.Flags, loaded.Segments.ToDictionary(s => s.Name),
            f => f.Key == "new-checkout" ? new FlagLiveState(RolloutBuckets.Threshold(appWeight), switchedOff, excluded ?? []) : FlagLiveState.AsDeclared);
    }

    private static AttributeContext Context(string? key, params (string Name, object Value)[] attributes) =>
        new(key, attributes.ToDictionary(a => a.Name, a => a.Value switch
        {
            string s => ContextValue.Of(s),
            bool b => ContextValue.Of(b),
            double d => ContextValue.Of(d),
            int i => ContextValue.Of(i),
            _ => ContextValue.Other,
        }));

    // Keys the infra flag serves "on" (its fixed 50% split over the shared salt) and "off".
    private static string KeyWhereInfra(bool on) =>
        Enumerable.Range(0, 1000).Select(i => $"user-{i}").First(k => RolloutBuckets.BucketOf("payments-v2", k) < 50_000 == on);

    private static (string Variant, string Reason) Serve(IReadOnlyDictionary<string, ServableFlag> graph, AttributeContext context, string flag = "new-checkout")
    {
        var resolution = FlagEvaluator.Evaluate(graph[flag], context);
        resolution.IsError.ShouldBeFalse(resolution.ErrorDetails);
        return (graph[flag].Definition.Variants[resolution.Variant].Name, resolution.Reason);
    }

    [Fact]
    public void A_disabled_flag_serves_its_default_variant_before_anything_else()
    {
        var graph = Graph(100, switchedOff: true);

        Serve(graph, Context(KeyWhereInfra(true), ("email", "a@example.com"))).ShouldBe(("off", FlagReasons.Disabled));
        var declaredOff = Graph(100, text: FlagYaml.With("  state: enabled", "  state: disabled"));
        Serve(declaredOff, Context(null)).ShouldBe(("off", FlagReasons.Disabled));
    }

    [Fact]
    public void An_unmet_prerequisite_serves_the_default_variant_even_to_a_matching_rule()
    {
        Serve(Graph(100), Context(KeyWhereInfra(false), ("email", "a@example.com"))).ShouldBe(("off", FlagReasons.Default));
    }

    [Fact]
    public void Rules_match_in_order_and_the_first_wins()
    {
        var graph = Graph(0);
        var key = KeyWhereInfra(true);

        Serve(graph, Context(key, ("email", "a@example.com"), ("plan", "enterprise"), ("country", "FR"))).ShouldBe(("on", FlagReasons.TargetingMatch));
        Serve(graph, Context(key, ("plan", "enterprise"), ("country", "FR"))).ShouldBe(("off", FlagReasons.TargetingMatch));
        Serve(graph, Context(key, ("plan", "enterprise"), ("country", "DE"))).ShouldBe(("off", FlagReasons.Default), "notIn [DE] fails: no rule, rollout at 0%");
    }

    [Fact]
    public void A_segment_matches_by_listed_key_or_by_its_conditions()
    {
        var graph = Graph(0);
        var listed = Graph(0, text: FlagYaml.With("keys: [acct-1, acct-2]", $"keys: [acct-1, {KeyWhereInfra(true)}]"));

        Serve(listed, Context(KeyWhereInfra(true))).ShouldBe(("on", FlagReasons.TargetingMatch));
        Serve(graph, Context(KeyWhereInfra(true), ("appVersion", "2.10.0"))).ShouldBe(("on", FlagReasons.TargetingMatch));
        Serve(graph, Context(KeyWhereInfra(true), ("appVersion", "2.4.0-rc.1"))).ShouldBe(("off", FlagReasons.Default));
    }

    [Fact]
    public void An_attribute_of_the_wrong_type_makes_the_condition_false_never_an_error()
    {
        var graph = Graph(0);
        var key = KeyWhereInfra(true);

        Serve(graph, Context(key, ("email", 42), ("appVersion", true), ("plan", 3), ("country", "FR"))).ShouldBe(("off", FlagReasons.Default));
        Serve(graph, Context(key, ("appVersion", "not a version"))).ShouldBe(("off", FlagReasons.Default));
        Serve(graph, Context(key, ("plan", "enterprise"), ("country", 49))).ShouldBe(("off", FlagReasons.Default), "notIn on a number: false, not true");
    }

    [Fact]
    public void The_fallthrough_is_the_rollouts_split_and_excluded_segments_get_the_rest()
    {
        var keys = Enumerable.Range(0, 4000).Select(i => $"user-{i}").Where(k => RolloutBuckets.BucketOf("payments-v2", k) < 50_000).ToList();
        var graph = Graph(10);

        foreach (var key in keys)
            Serve(graph, Context(key)).ShouldBe(RolloutBuckets.BucketOf("payments-v2", key) < 10_000 ? ("on", FlagReasons.Split) : ("off", FlagReasons.Split));
        Serve(Graph(100), Context(keys[0])).ShouldBe(("on", FlagReasons.Default));

        var excluded = Graph(100, excluded: [Segment.Of(("plan", "free"))]);
        Serve(excluded, Context(keys[0], ("plan", "free"))).ShouldBe(("off", FlagReasons.TargetingMatch));
        Serve(excluded, Context(keys[0], ("plan", "pro"))).ShouldBe(("on", FlagReasons.Default));
    }

    [Fact]
    public void Flags_sharing_a_salt_nest_the_smaller_share_inside_the_larger()
    {
        var graph = Graph(10);
        var keys = Enumerable.Range(0, 20_000).Select(i => $"account-{i}").ToList();

        var appOn = keys.Where(k => Serve(graph, Context(k)).Variant == "on").ToList();
        var infraOn = keys.Where(k => Serve(graph, Context(k), "payments-v2-backend").Variant == "on").ToHashSet();

        appOn.ShouldAllBe(k => infraOn.Contains(k), "no key sees the front end without its back end");
        (appOn.Count / (double)keys.Count).ShouldBe(0.10, 0.01, "the app's 10% of everyone: its share is inside the infra flag's half, not 10% of it");
        (infraOn.Count / (double)keys.Count).ShouldBe(0.5, 0.02);
    }

    [Fact]
    public void A_split_without_a_targeting_key_is_targeting_key_missing()
    {
        var resolution = FlagEvaluator.Evaluate(Graph(10)["payments-v2-backend"], Context(null));

        resolution.ErrorCode.ShouldBe("TARGETING_KEY_MISSING");
        FlagEvaluator.Evaluate(Graph(10)["new-checkout"], Context("")).ErrorCode.ShouldBe("TARGETING_KEY_MISSING", "the prerequisite's split needs it");
    }

    [Theory]
    [InlineData(0, "Observing")]
    [InlineData(1, "Observing")]
    [InlineData(37.5, "Paused")]
    [InlineData(100, "Completed")]
    [InlineData(50, "RolledBack")]
    [InlineData(50, "Aborted")]
    public void A_policy_without_a_flag_document_serves_what_it_always_did(double weight, string phaseName)
    {
        var phase = Enum.Parse<RolloutPhase>(phaseName);
        var policy = PolicyYaml.Load(PolicyYaml.Valid).Policies.Single();
        var served = new ServedFlag(policy.Flag.Key, (decimal)weight, phase, 1, policy.Metadata.Name, policy.Metadata.Type);
        var stopped = phase is RolloutPhase.RolledBack or RolloutPhase.Aborted;
        var flag = FlagGraph.Build([FlagDefinition.Implicit(policy)], new Dictionary<string, SegmentDefinition>(),
            _ => new FlagLiveState(served.OnBuckets, stopped, []))[policy.Flag.Key];

        foreach (var key in Enumerable.Range(0, 2000).Select(i => $"k{i}"))
        {
            var before = OfrepEvaluator.Evaluate(served, key);
            var now = FlagEvaluator.Evaluate(flag, Context(key));
            (flag.Definition.Variants[now.Variant].Name, now.Reason).ShouldBe((before.Variant, before.Reason));
        }
    }
}
