using RolloutController.Rollouts;

namespace RolloutController.Notifications;

/// <summary>
/// The parts of a message as the document-like channels show them — e-mail's text and HTML parts, the Teams card — so
/// that each carries the same facts in the same words: title, facts, tripped guardrails, segments excluded, evidence,
/// links and a footer; for a digest, its entries instead of one stage and weight.
/// </summary>
internal static class NotificationSections
{
    /// <summary>Measured over all traffic rather than one segment.</summary>
    public const string AllTraffic = "all traffic";

    /// <summary>The evidence table's header; <see cref="EvidenceRow"/> gives the cells in this order.</summary>
    public static readonly IReadOnlyList<string> EvidenceColumns = ["Guardrail", "Segment", "Verdict", "Value (bound)", "Measured at"];

    /// <summary>The excluded segments' table header; <see cref="ExclusionRow"/> gives the cells in this order.</summary>
    public static readonly IReadOnlyList<string> ExclusionColumns = ["Segment", "Labels", "Guardrail"];

    /// <summary>A digest's table header; <see cref="DigestRow"/> gives the cells in this order.</summary>
    public static readonly IReadOnlyList<string> DigestColumns = ["At", "Flag", "Owner", "Stage", "Weight"];

    /// <summary>"new-checkout rolled back"; for a digest, "Digest of route releases".</summary>
    public static string Title(NotificationMessage m) =>
        m.Kind == NoticeKind.Digest ? m.PolicyReason : $"{m.FlagKey} {NotificationFormat.KindText(m.Kind)}";

    /// <summary>Whether the message stands for several notices (<see cref="NotificationMessage.Digest"/>) rather than one move.</summary>
    public static bool IsDigest(NotificationMessage m) => m.Kind == NoticeKind.Digest;

    public static IReadOnlyList<(string Label, string Value)> Facts(NotificationMessage m)
    {
        // A digest has no one stage or weight: those are per entry, in its table.
        if (IsDigest(m)) return [("Flags", m.FlagKey), ("Owners", m.Owner), ("Severity", NotificationFormat.Snake(m.Severity))];
        var facts = new List<(string, string)>
        {
            ("Flag", $"{m.FlagKey} ({NotificationFormat.Snake(m.FlagType)})"),
            ("Owner", m.Owner),
            ("Policy", string.IsNullOrWhiteSpace(m.PolicyReason) ? m.PolicyName : $"{m.PolicyName}: {m.PolicyReason}"),
            ("Stage", m.StageText),
            ("Weight", m.WeightText),
            ("Severity", NotificationFormat.Snake(m.Severity)),
        };
        if (m.FailingSince is { } since) facts.Add(("Failing since", NotificationFormat.Time(since)));
        if (m.Incident != IncidentAction.None)
            facts.Add(("Incident", $"{m.IncidentKey} ({(m.Incident == IncidentAction.Trigger ? "open" : "resolved")})"));
        return facts;
    }

    /// <summary>
    /// "error-rate tripped: 0.034 (max 0.01), 2 failing measurements in a row (limit 2) since 2026-11-03T14:04:00Z",
    /// with "on segment plan="free"" after the name for a per-segment guardrail.
    /// </summary>
    public static string Breach(GuardrailReport b)
    {
        var segment = b.Segment is { } s ? $" on segment {s}" : "";
        var since = b.FailingSince is { } at ? $" since {NotificationFormat.Time(at)}" : "";
        return $"{b.Name}{segment} tripped: {b.ValueVersusThreshold}, " +
               $"{b.ConsecutiveFailures} failing measurements in a row (limit {b.FailureLimit}){since}";
    }

    public static IReadOnlyList<string> EvidenceRow(GuardrailReport g) =>
        [g.Name, g.Segment ?? AllTraffic, NotificationFormat.Snake(g.Verdict), g.ValueVersusThreshold, NotificationFormat.Time(g.MeasuredAt)];

    public static IReadOnlyList<string> DigestRow(DigestEntry e) =>
        [NotificationFormat.Time(e.At), e.FlagKey, e.Owner, e.StageText, e.WeightText];

    /// <summary>plan="free" | plan=free | checkout-conversion.</summary>
    public static IReadOnlyList<string> ExclusionRow(ExcludedSegmentReport e) =>
        [e.Segment, string.Join(", ", e.Labels.Select(l => $"{l.Key}={l.Value}")), e.Guardrail];

    /// <summary>
    /// Every link the notice carries, labelled, without repeats: the runbook, the rollout's page, the dashboard, then the
    /// graph of each guardrail (tripped ones first).
    /// </summary>
    public static IReadOnlyList<(string Label, string Url)> Links(NotificationMessage m)
    {
        var links = new List<(string Label, string? Url)> { ("Runbook", m.Runbook), ("Rollout", m.RolloutUrl), ("Dashboard", m.DashboardUrl) };
        links.AddRange(m.Breaches.Concat(m.Guardrails).Select(g => ($"Graph of {g.Name}{(g.Segment is { } s ? $" ({s})" : "")}", g.GraphUrl)));
        return links.Where(l => l.Url is not null).DistinctBy(l => l.Url).Select(l => (l.Label, l.Url!)).ToList();
    }

    /// <summary>"rollback by controller: guardrail error-rate failed 2 times in a row · 2026-11-03T14:05:00Z · id 0196…".</summary>
    public static string Footer(NotificationMessage m) =>
        $"{NotificationFormat.Snake(m.Transition.Trigger)} by {m.Transition.Actor}: {m.Transition.Reason} · {NotificationFormat.Time(m.At)} · id {m.Id}";
}
