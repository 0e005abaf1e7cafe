using System.Text.Json.Nodes;
using RolloutController.Analysis.Segments;
using RolloutController.Bucketing;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// A rollout's flag as an entry of a flagd flag-definition file, and back: boolean variants <c>on</c>/<c>off</c>, off by
/// default; the rule is a <c>fractional</c> split over <c>flagKey + targetingKey</c> with the weight in thousandths of a
/// percent (<see cref="FlagdDocument.Fractional"/>, the built-in bucketing exactly, so a key is on in flagd where it is on
/// here), after a test that serves excluded segments <c>off</c>; <c>state</c> is the on/off switch (flagd's
/// <c>DISABLED</c>: callers get their code default). Reading back recognises only the rule this class writes: anything
/// else in <c>targeting</c> reads as "the controller's rule is absent", which the sync reports as drift. Pure.
/// </summary>
internal static class FlagdRolloutFlag
{
    private const string On = "on";
    private const string Off = "off";

    /// <summary>The file entry that serves <paramref name="state"/>.</summary>
    public static JsonObject Build(string flagKey, PlatformFlagState state)
    {
        var node = new JsonObject
        {
            ["state"] = state.Enabled ? "ENABLED" : "DISABLED",
            ["variants"] = new JsonObject { [On] = true, [Off] = false },
            ["defaultVariant"] = Off,
        };
        if (state.RulePresent) node["targeting"] = Targeting(flagKey, state.Weight, state.Excluded);
        return node;
    }

    /// <summary>What the entry serves, in the controller's terms; an absent entry is off without the rule.</summary>
    public static PlatformFlagState Read(string flagKey, JsonNode? entry)
    {
        if (entry is not JsonObject flag) return new PlatformFlagState(false, false, 0m, []);
        var enabled = flag["state"] is JsonValue state && state.TryGetValue<string>(out var text) && text == "ENABLED";
        var absent = new PlatformFlagState(false, enabled, 0m, []);
        if (flag["targeting"] is not JsonObject targeting || !TryFindOnWeight(targeting, out var buckets)) return absent;
        var excluded = PlatformTarget.Sorted(ExcludedLabels(targeting));
        var weight = buckets / 1000m;
        // Only the exact rule this class writes counts as the controller's: a hand-edited rule is not silently adopted.
        return JsonNode.DeepEquals(targeting, Targeting(flagKey, weight, excluded))
            ? new PlatformFlagState(true, enabled, weight, excluded)
            : absent;
    }

    private static JsonNode Targeting(string flagKey, decimal weight, IReadOnlyList<SegmentLabel> excluded)
    {
        var on = RolloutBuckets.Threshold(weight);
        var ramp = FlagdDocument.Fractional(flagKey, [(On, on), (Off, RolloutBuckets.Count - on)]);
        return excluded.Count == 0
            ? ramp
            : new JsonObject { ["if"] = new JsonArray(FlagdDocument.Excluded(excluded.Select(l => new Segment([l]))), Off, ramp) };
    }

    // The weight of "on" in the first fractional split found.
    private static bool TryFindOnWeight(JsonNode node, out int buckets)
    {
        buckets = 0;
        switch (node)
        {
            case JsonObject o when o["fractional"] is JsonArray split:
                foreach (var share in split)
                    if (share is JsonArray { Count: 2 } pair && pair[0] is JsonValue v && v.TryGetValue<string>(out var name) && name == On
                        && pair[1] is JsonValue w && w.TryGetValue<int>(out buckets))
                        return true;
                return false;
            case JsonObject o:
                foreach (var (_, child) in o)
                    if (child is not null && TryFindOnWeight(child, out buckets)) return true;
                return false;
            case JsonArray a:
                foreach (var child in a)
                    if (child is not null && TryFindOnWeight(child, out buckets)) return true;
                return false;
            default:
                return false;
        }
    }

    // Every {"in": [{"var": name}, [value, ...]]} outside the split: an excluded label (name unescaped, the value as text).
    private static IEnumerable<SegmentLabel> ExcludedLabels(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o when o["in"] is JsonArray { Count: 2 } test && test[0] is JsonObject variable && variable["var"] is JsonValue name
                                   && name.TryGetValue<string>(out var path) && path != "targetingKey"
                                   && test[1] is JsonArray { Count: > 0 } values && values[0] is JsonValue first && first.TryGetValue<string>(out var value):
                yield return new SegmentLabel(path.Replace("\\.", ".", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal), value);
                break;
            case JsonObject o when o.ContainsKey("fractional"):
                break;
            case JsonObject o:
                foreach (var (_, child) in o)
                    if (child is not null)
                        foreach (var label in ExcludedLabels(child)) yield return label;
                break;
            case JsonArray a:
                foreach (var child in a)
                    if (child is not null)
                        foreach (var label in ExcludedLabels(child)) yield return label;
                break;
        }
    }
}
