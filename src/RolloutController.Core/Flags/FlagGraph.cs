namespace RolloutController.Flags;

/// <summary>
/// Resolves flag definitions into <see cref="ServableFlag"/>s: each prerequisite points at the prerequisite's own
/// servable flag and each rule at its segment. Prerequisites form no cycle (validated), so every flag is built once,
/// after the flags it depends on.
/// </summary>
internal static class FlagGraph
{
    /// <param name="live">What each flag serves right now (its rollout's share, whether switched off, excluded segments).</param>
    public static IReadOnlyDictionary<string, ServableFlag> Build(
        IEnumerable<FlagDefinition> flags,
        IReadOnlyDictionary<string, SegmentDefinition> segments,
        Func<FlagDefinition, FlagLiveState> live)
    {
        var definitions = flags.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var built = new Dictionary<string, ServableFlag>(StringComparer.Ordinal);
        var building = new HashSet<string>(StringComparer.Ordinal);
        foreach (var definition in definitions.Values) BuildOne(definition);
        return built;

        ServableFlag BuildOne(FlagDefinition definition)
        {
            if (built.TryGetValue(definition.Key, out var done)) return done;
            if (!building.Add(definition.Key))
                throw new InvalidOperationException($"prerequisite cycle through '{definition.Key}' reached the flag graph; validation must refuse it");
            var prerequisites = definition.Prerequisites
                .Select(p => definitions.TryGetValue(p.Flag, out var target)
                    ? new ServablePrerequisite(BuildOne(target), target.VariantIndex(p.Variant))
                    : throw new InvalidOperationException($"flag '{definition.Key}' needs '{p.Flag}', which is not served; validation must refuse it"))
                .ToArray();
            var ruleSegments = definition.Rules.Select(r => r.Segment is null ? null : segments.GetValueOrDefault(r.Segment)).ToArray();
            var flag = new ServableFlag(definition, live(definition), prerequisites, ruleSegments);
            building.Remove(definition.Key);
            built[definition.Key] = flag;
            return flag;
        }
    }
}
