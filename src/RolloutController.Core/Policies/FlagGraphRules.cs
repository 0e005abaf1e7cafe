using RolloutController.Flags;
using RolloutController.Policies.Yaml;

namespace RolloutController.Policies;

/// <summary>
/// Rules across documents and files for flags and segments: prerequisites name a known flag and one of its variants and
/// form no cycle; rules name a known segment; a rollout fallthrough has a policy to drive it and a policy ramps only a
/// flag whose fallthrough is its rollout; a segment no flag uses is a warning. A policy without a Flag document is the
/// implicit boolean flag (<c>on</c>/<c>off</c>).
/// </summary>
internal static class FlagGraphRules
{
    public static void Check(IReadOnlyList<(NodeReader Reader, PolicyDraft Draft)> drafts)
    {
        var readers = new Dictionary<string, NodeReader>(StringComparer.Ordinal);
        foreach (var (reader, draft) in drafts)
            if ((draft.FlagKey ?? draft.Name) is { } at) readers.TryAdd(at.File, reader);
        NodeReader ReaderOf(Located at) => readers[at.File];

        var flags = drafts.Select(d => d.Draft.Flag).OfType<FlagDefinition>().GroupBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var policies = drafts.Select(d => d.Draft).Where(d => d.Policy is not null && d.FlagKey is not null)
            .GroupBy(d => d.FlagKey!.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // Documents that failed on their own still name their flag: no "unknown flag" on top of their own errors.
        var named = drafts.Where(d => d.Draft.Kind != PolicyPatterns.SegmentKind && d.Draft.FlagKey is not null)
            .Select(d => d.Draft.FlagKey!.Value).ToHashSet(StringComparer.Ordinal);
        var segments = drafts.Where(d => d.Draft.Kind == PolicyPatterns.SegmentKind && d.Draft.Name is not null)
            .Select(d => d.Draft.Name!.Value).ToHashSet(StringComparer.Ordinal);
        var usedSegments = new HashSet<string>(StringComparer.Ordinal);

        foreach (var flag in flags.Values)
        {
            foreach (var prerequisite in flag.Prerequisites)
                CheckPrerequisite(prerequisite, flags, policies, named, ReaderOf);
            foreach (var rule in flag.Rules.Where(r => r.Segment is not null))
            {
                usedSegments.Add(rule.Segment!);
                if (!segments.Contains(rule.Segment!) && rule.SegmentAt is { } at)
                    ReaderOf(at).Error(at, $"no segment '{DiagnosticText.Quote(rule.Segment!)}'; segments: {List(segments)}");
            }
            if (flag.Fallthrough is { Kind: FallthroughKind.Rollout, At: { } rolloutAt } && !policies.ContainsKey(flag.Key))
                ReaderOf(rolloutAt).Error(rolloutAt,
                    $"no RolloutPolicy drives flag '{DiagnosticText.Quote(flag.Key)}': add one with spec.flag.key: {flag.Key}, or serve a variant or a split");
        }

        foreach (var (key, policy) in policies)
        {
            if (flags.TryGetValue(key, out var flag) && flag.Fallthrough.Kind != FallthroughKind.Rollout)
                ReaderOf(policy.FlagKey!).Error(policy.FlagKey!,
                    $"a Flag document declares '{DiagnosticText.Quote(key)}' at {flag.KeyAt.Where} with a fallthrough that is not a rollout, "
                    + "so this policy would ramp nothing: give the flag fallthrough: { rollout: { variant: … } }");
        }

        ReportCycles(flags, ReaderOf);

        foreach (var (reader, draft) in drafts)
            if (draft.Segment is { } segment && !usedSegments.Contains(segment.Name))
                reader.Warn(segment.NameAt, $"segment '{DiagnosticText.Quote(segment.Name)}' is used by no flag's rules");
    }

    private static void CheckPrerequisite(FlagPrerequisite prerequisite, Dictionary<string, FlagDefinition> flags,
        Dictionary<string, PolicyDraft> policies, HashSet<string> named, Func<Located, NodeReader> readerOf)
    {
        IReadOnlyList<string>? variants = flags.TryGetValue(prerequisite.Flag, out var target) ? target.Variants.Select(v => v.Name).ToList()
            : policies.TryGetValue(prerequisite.Flag, out var policy) ? policy.Policy is null ? null : FlagDefinition.Implicit(policy.Policy).Variants.Select(v => v.Name).ToList()
            : null;
        if (variants is null)
        {
            if (!named.Contains(prerequisite.Flag))
                readerOf(prerequisite.FlagAt).Error(prerequisite.FlagAt,
                    $"no flag '{DiagnosticText.Quote(prerequisite.Flag)}': a prerequisite names the key of a Flag document or of a RolloutPolicy's flag");
            return;
        }
        if (!variants.Contains(prerequisite.Variant, StringComparer.Ordinal))
            readerOf(prerequisite.VariantAt).Error(prerequisite.VariantAt,
                $"unknown variant '{DiagnosticText.Quote(prerequisite.Variant)}' of flag '{DiagnosticText.Quote(prerequisite.Flag)}'; its variants: {string.Join(", ", variants)}");
    }

    // Every prerequisite that lies on a cycle is reported where it is written, with the cycle it closes.
    private static void ReportCycles(Dictionary<string, FlagDefinition> flags, Func<Located, NodeReader> readerOf)
    {
        foreach (var flag in flags.Values)
        foreach (var prerequisite in flag.Prerequisites)
        {
            if (PathTo(prerequisite.Flag, flag.Key, flags) is { } path)
                readerOf(prerequisite.FlagAt).Error(prerequisite.FlagAt,
                    $"prerequisite cycle: {string.Join(" → ", [flag.Key, .. path])}; prerequisites must not depend on the flag itself");
        }
    }

    // Flags from 'from' to 'to' along prerequisites (breadth first, so the shortest cycle is shown), or null.
    private static List<string>? PathTo(string from, string to, Dictionary<string, FlagDefinition> flags)
    {
        var previous = new Dictionary<string, string?>(StringComparer.Ordinal) { [from] = null };
        var queue = new Queue<string>([from]);
        while (queue.Count > 0)
        {
            var key = queue.Dequeue();
            if (key == to)
            {
                var path = new List<string>();
                for (string? k = key; k is not null; k = previous[k]) path.Add(k);
                path.Reverse();
                return path;
            }
            if (!flags.TryGetValue(key, out var flag)) continue;
            foreach (var next in flag.Prerequisites.Select(p => p.Flag))
                if (previous.TryAdd(next, key)) queue.Enqueue(next);
        }
        return null;
    }

    private static string List(IEnumerable<string> names) =>
        names.Any() ? string.Join(", ", names.Order(StringComparer.Ordinal)) : "none are declared";
}
