using RolloutController.Rollouts;

namespace RolloutController.Notifications;

/// <summary>
/// Turns the notices a route held over one digest period into the one message sent in their place (kind
/// <see cref="NoticeKind.Digest"/>, info): the summary counts them, the action lists one line per notice, and
/// <see cref="NotificationMessage.Digest"/> carries each as data. Pure: id and time are passed in.
/// </summary>
internal static class DigestBuilder
{
    /// <param name="members">The held messages, at least one.</param>
    public static NotificationMessage Build(string id, string route, DateTimeOffset periodStart, DateTimeOffset periodEnd,
        IReadOnlyList<NotificationMessage> members, DateTimeOffset at)
    {
        var ordered = members.OrderBy(m => m.At).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        var last = ordered[^1];
        var flags = Join(ordered.Select(m => m.FlagKey));
        var span = $"{NotificationFormat.Time(periodStart)} to {NotificationFormat.Time(periodEnd)}";
        var count = ordered.Count == 1 ? "1 rollout advanced" : $"{ordered.Count} rollout advances";
        return new NotificationMessage(
            id,
            at,
            NoticeKind.Digest,
            NoticeSeverity.Info,
            flags,
            Join(ordered.Select(m => m.PolicyName)),
            Join(ordered.Select(m => m.Owner)),
            last.FlagType,
            $"Digest of route {route}",
            0,
            0,
            0m,
            0m,
            $"{count} from {span}",
            string.Join("\n", ordered.Select(m => $"{m.FlagKey} ({m.Owner}): {m.WeightText}, stage {m.StageText} at {NotificationFormat.Time(m.At)}")),
            "Nothing to do: each rollout goes on by itself while its guardrails pass. Warnings and critical notices are never held for a digest.",
            [],
            [],
            null,
            last.Transition)
        {
            Digest = ordered.Select(m => new DigestEntry(m.Id, m.FlagKey, m.Owner, m.Summary, m.StageText, m.WeightText, m.At)).ToList(),
            DashboardUrl = ordered.Select(m => m.DashboardUrl).Distinct().Count() == 1 ? last.DashboardUrl : null,
        };
    }

    private static string Join(IEnumerable<string> values) => string.Join(", ", values.Distinct(StringComparer.Ordinal));
}
