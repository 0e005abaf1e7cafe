namespace RolloutController.Notifications.Email;

/// <summary>
/// What an e-mail says, in order, shared by the plain-text and the HTML part so that both always carry the same facts:
/// title, facts, tripped guardrails, evidence, what was done, the next step, links and a footer.
/// </summary>
internal static class EmailSections
{
    /// <summary>"new-checkout rolled back".</summary>
    public static string Title(NotificationMessage m) => $"{m.FlagKey} {NotificationFormat.KindText(m.Kind)}";

    public static IReadOnlyList<(string Label, string Value)> Facts(NotificationMessage m)
    {
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
        return facts;
    }

    /// <summary>"error-rate tripped: 0.034 (max 0.01), 2 failing measurements in a row (limit 2) since 2026-11-03T14:04:00Z".</summary>
    public static string Breach(GuardrailReport b)
    {
        var since = b.FailingSince is { } s ? $" since {NotificationFormat.Time(s)}" : "";
        return $"{b.Name} tripped: {b.ValueVersusThreshold}, {b.ConsecutiveFailures} failing measurements in a row (limit {b.FailureLimit}){since}";
    }

    /// <summary>The evidence table's header; <see cref="EvidenceRow"/> gives the cells in this order.</summary>
    public static readonly IReadOnlyList<string> EvidenceColumns = ["Guardrail", "Verdict", "Value (bound)", "Measured at"];

    public static IReadOnlyList<string> EvidenceRow(GuardrailReport g) =>
        [g.Name, NotificationFormat.Snake(g.Verdict), g.ValueVersusThreshold, NotificationFormat.Time(g.MeasuredAt)];

    /// <summary>Every link the notice carries, labelled, without repeats: the graph of each guardrail.</summary>
    public static IReadOnlyList<(string Label, string Url)> Links(NotificationMessage m) =>
        m.Breaches.Concat(m.Guardrails)
            .Where(g => g.GraphUrl is not null)
            .DistinctBy(g => g.Name)
            .Select(g => ($"Graph of {g.Name}", g.GraphUrl!))
            .ToList();

    /// <summary>"rollback by controller: guardrail error-rate failed 2 times in a row · 2026-11-03T14:05:00Z · id 0196…".</summary>
    public static string Footer(NotificationMessage m) =>
        $"{NotificationFormat.Snake(m.Transition.Trigger)} by {m.Transition.Actor}: {m.Transition.Reason} · {NotificationFormat.Time(m.At)} · id {m.Id}";
}
