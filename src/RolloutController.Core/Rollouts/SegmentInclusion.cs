using RolloutController.Analysis.Segments;

namespace RolloutController.Rollouts;

/// <summary>
/// The one home of including a segment again (<c>rolloutctl include FLAG --segment plan=enterprise</c>): it reverses a
/// per-segment guardrail's exclusion — the segment gets the ramp's share again — without restarting the ramp: phase,
/// stage, weight, hold and the other exclusions stay as they are. It is a move away from safety (stored first). Only a
/// live rollout (observing or paused) has exclusions to reverse. Pure.
/// </summary>
internal static class SegmentInclusion
{
    private const string Prefix = "include ";

    /// <summary>Whether there is anything to include: listed as possible (the API's <c>permitted</c>) only then.</summary>
    public static bool Possible(RolloutState state) => state.ExcludedSegments.Count > 0;

    /// <summary>Why including <paramref name="segment"/> is refused (none given, or it is not excluded), or null.</summary>
    public static string? Refusal(Policies.RolloutPolicy policy, RolloutState state, Segment? segment)
    {
        if (segment is null) return "a segment is required, e.g. --segment plan=enterprise";
        if (state.ExcludedSegments.Any(e => e.Segment == segment)) return null;
        var excluded = state.ExcludedSegments.Select(e => e.Segment.ToString()).Distinct().ToList();
        return $"segment {segment} is not excluded from '{policy.Flag.Key}'" +
               (excluded.Count == 0 ? "; no segment is" : $"; excluded: {string.Join("; ", excluded)}");
    }

    /// <summary>The reason recorded: the segment, then the person's reason (<c>include plan="enterprise": fixed in 2.4.1</c>).</summary>
    public static string Reason(Segment segment, string reason) => $"{Prefix}{segment}: {reason}";

    /// <summary>
    /// The decision: <paramref name="moved"/> (the machine's re-entry) without the segment's exclusions, the transition
    /// recorded with the person's name and <see cref="Reason"/>, and an information notice.
    /// </summary>
    public static Decision Decide(Policies.RolloutPolicy policy, RolloutState state, RolloutState moved, Segment segment, MoveCause cause, DateTimeOffset now)
    {
        var next = moved with { ExcludedSegments = state.ExcludedSegments.RemoveAll(e => e.Segment == segment), UpdatedAt = now };
        var t = DecisionBuilder.Record(state, next, RolloutTrigger.Include, cause, now);
        return new Decision(next, [t], [Notice.Info(NoticeKind.SegmentIncluded, policy, t,
            $"'{policy.Flag.Key}' includes segment {segment} again at {state.ServedWeight}% ({cause.Actor})")]);
    }

    /// <summary>
    /// Reads a segment as people write it: <c>plan=enterprise</c>, <c>plan=enterprise,region=eu</c>, or label matchers as
    /// <c>rolloutctl status</c> shows them (<c>plan="enterprise"</c>). Null when it is neither.
    /// </summary>
    public static Segment? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        text = text.Trim();
        if (text != "all" && Segment.TryParse(text, out var quoted)) return quoted;
        var labels = new List<(string, string)>();
        foreach (var part in text.Split(','))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) return null;
            var (name, value) = (part[..eq].Trim(), part[(eq + 1)..].Trim());
            if (!Segment.TryParse($"{name}=\"{value.Replace("\\", "\\\\").Replace("\"", "\\\"")}\"", out _) || value.Length == 0) return null;
            labels.Add((name, value));
        }
        return Segment.Of([.. labels]);
    }
}
