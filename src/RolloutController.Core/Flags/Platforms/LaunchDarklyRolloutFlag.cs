using System.Text.Json.Nodes;
using RolloutController.Analysis.Segments;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// A LaunchDarkly-backed flag in the controller's terms, both ways: what a flag read from LaunchDarkly's REST API
/// (<c>GET /api/v2/flags/{project}/{flag}?env={env}</c>) serves in one environment, and the semantic patch that makes it
/// serve what a rollout wants. The rollout is the environment's default rule ("fallthrough") as a percentage rollout
/// between the flag's <c>true</c> and <c>false</c> variations, bucketed by the user's <c>key</c>; each excluded segment's
/// label is a targeting rule serving <c>false</c> to users whose attribute is <c>in</c> the excluded values; 0% and the
/// kill switch turn the environment's targeting off (which serves the off variation to everyone).
/// </summary>
internal static class LaunchDarklyRolloutFlag
{
    /// <summary>The context attribute the rollout buckets by: the user's key, LaunchDarkly's default.</summary>
    public const string BucketBy = "key";

    /// <summary>The context kind of the rollout and of the exclusion rules' clauses.</summary>
    public const string ContextKind = "user";

    /// <summary>A rollout's weights are in thousandths of a percent and sum to this.</summary>
    public const int TotalWeight = 100_000;

    /// <summary>The weight LaunchDarkly takes for <paramref name="percent"/>: thousandths of a percent, 0..100000.</summary>
    public static int Thousandths(decimal percent) => (int)decimal.Round(percent * 1000m, MidpointRounding.ToZero);

    /// <summary>What one environment of a LaunchDarkly flag serves; a failure says why the flag cannot be driven.</summary>
    public static (LaunchDarklyReading? Reading, string? Failure) Read(string flagKey, string environment, JsonNode? flag)
    {
        var variations = flag?["variations"]?.AsArray();
        var on = IndexOf(variations, true);
        var off = IndexOf(variations, false);
        if (variations is null || on < 0 || off < 0)
            return (null, $"flag '{flagKey}' is not a boolean flag with a true and a false variation; the controller drives only those");
        var env = flag!["environments"]?[environment];
        if (env is null) return (null, $"flag '{flagKey}' has no environment '{environment}'");
        var enabled = (bool?)env["on"] ?? false;
        var (rulePresent, weight) = Fallthrough(env["fallthrough"], on);

        var own = new List<string>();
        string? firstOther = null;
        var excluded = new List<SegmentLabel>();
        foreach (var rule in env["rules"]?.AsArray() ?? [])
        {
            var id = (string?)rule?["_id"];
            if (id is null) continue;
            if (ExclusionLabels(rule!, off) is { } labels)
            {
                own.Add(id);
                excluded.AddRange(labels);
            }
            else firstOther ??= id;
        }
        var state = new PlatformFlagState(rulePresent, enabled, weight, PlatformTarget.Sorted(excluded));
        return (new LaunchDarklyReading(state, (string?)variations[on]?["_id"] ?? "", (string?)variations[off]?["_id"] ?? "", own, firstOther,
            long.TryParse(flag["_version"]?.ToString(), out var version) ? version : null), null);
    }

    /// <summary>
    /// The semantic patch (<c>Content-Type: application/json; domain-model=launchdarkly.semanticpatch</c>) that turns what
    /// <paramref name="observed"/> read into <paramref name="desired"/>, in one request LaunchDarkly applies whole: off first,
    /// then the rollout and the exclusion rules, on last; <paramref name="reason"/> is its comment. Null when nothing differs.
    /// </summary>
    public static JsonObject? Patch(string environment, string reason, PlatformFlagState desired, LaunchDarklyReading observed)
    {
        var instructions = new JsonArray();
        var now = observed.State;
        if (!desired.Enabled && now.Enabled) instructions.Add(new JsonObject { ["kind"] = "turnFlagOff" });
        if (!now.RulePresent || (desired.Enabled && now.Weight != desired.Weight))
        {
            var on = Thousandths(desired.Weight);
            instructions.Add(new JsonObject
            {
                ["kind"] = "updateFallthroughVariationOrRollout",
                ["rolloutWeights"] = new JsonObject { [observed.OnVariationId] = on, [observed.OffVariationId] = TotalWeight - on },
                ["rolloutBucketBy"] = BucketBy,
                ["rolloutContextKind"] = ContextKind,
            });
        }
        if (!now.Excluded.SequenceEqual(desired.Excluded))
        {
            foreach (var id in observed.OwnRuleIds) instructions.Add(new JsonObject { ["kind"] = "removeRule", ["ruleId"] = id });
            foreach (var label in desired.Excluded.GroupBy(l => l.Name, StringComparer.Ordinal))
            {
                var rule = new JsonObject
                {
                    ["kind"] = "addRule",
                    ["clauses"] = new JsonArray(new JsonObject
                    {
                        ["contextKind"] = ContextKind, ["attribute"] = label.Key, ["op"] = "in", ["negate"] = false,
                        ["values"] = new JsonArray(label.Select(l => (JsonNode)JsonValue.Create(l.Value)!).ToArray()),
                    }),
                    ["variationId"] = observed.OffVariationId,
                };
                // Before everyone else's rules: an excluded user is served false whatever another rule would serve them.
                if (observed.FirstOtherRuleId is { } before) rule["beforeRuleId"] = before;
                instructions.Add(rule);
            }
        }
        if (desired.Enabled && !now.Enabled) instructions.Add(new JsonObject { ["kind"] = "turnFlagOn" });
        return instructions.Count == 0
            ? null
            : new JsonObject { ["environmentKey"] = environment, ["comment"] = reason, ["instructions"] = instructions };
    }

    private static int IndexOf(JsonArray? variations, bool value)
    {
        if (variations is null) return -1;
        for (var i = 0; i < variations.Count; i++)
            if (variations[i]?["value"] is JsonValue v && v.TryGetValue<bool>(out var b) && b == value) return i;
        return -1;
    }

    // The default rule's share of the true variation: a fixed variation serves 100% or 0%; a rollout not bucketed as the
    // controller writes it (another attribute or context kind) is not the controller's rule.
    private static (bool RulePresent, decimal Weight) Fallthrough(JsonNode? fallthrough, int on)
    {
        if (fallthrough?["variation"] is JsonValue fixedVariation && fixedVariation.TryGetValue<int>(out var index))
            return (true, index == on ? 100m : 0m);
        var rollout = fallthrough?["rollout"];
        if (rollout is null) return (false, 0m);
        var bucketBy = (string?)rollout["bucketBy"] ?? BucketBy;
        var kind = (string?)rollout["contextKind"] ?? ContextKind;
        var weight = (rollout["variations"]?.AsArray() ?? [])
            .Where(v => (int?)v?["variation"] == on)
            .Sum(v => (int?)v?["weight"] ?? 0);
        return (bucketBy == BucketBy && kind == ContextKind, weight / 1000m);
    }

    // An exclusion rule as the controller writes it: one clause "attribute in [values]" (not negated, user context), serving
    // the off variation; null for any other rule.
    private static IEnumerable<SegmentLabel>? ExclusionLabels(JsonNode rule, int off)
    {
        if ((int?)rule["variation"] != off || rule["rollout"] is not null) return null;
        var clauses = rule["clauses"]?.AsArray();
        if (clauses is not [{ } clause]) return null;
        if ((string?)clause["op"] != "in" || ((bool?)clause["negate"] ?? false) || ((string?)clause["contextKind"] ?? ContextKind) != ContextKind)
            return null;
        var attribute = (string?)clause["attribute"];
        if (attribute is null) return null;
        return (clause["values"]?.AsArray() ?? []).Select(v => new SegmentLabel(attribute, v?.ToString() ?? ""));
    }
}
