using System.Text;

namespace RolloutController.Notifications.Email;

/// <summary>The plain-text part: the same sections as the HTML part, laid out for a fixed-width reader.</summary>
internal static class EmailText
{
    public static string Render(NotificationMessage m)
    {
        var text = new StringBuilder();
        text.Append(NotificationSections.Title(m)).Append('\n').Append('=', NotificationSections.Title(m).Length).Append("\n\n");
        text.Append(m.Summary).Append("\n\n");

        var facts = NotificationSections.Facts(m);
        var width = facts.Max(f => f.Label.Length) + 1;
        foreach (var (label, value) in facts) text.Append((label + ":").PadRight(width + 1)).Append(value).Append('\n');

        if (m.Breaches.Count > 0)
        {
            Heading(text, "Tripped");
            foreach (var b in m.Breaches)
                text.Append("- ").Append(NotificationSections.Breach(b)).Append("\n  Query: ").Append(b.Query).Append('\n');
        }
        if (m.ExcludedSegments.Count > 0)
        {
            Heading(text, "Segments excluded (served off)");
            Table(text, NotificationSections.ExclusionColumns, m.ExcludedSegments.Select(NotificationSections.ExclusionRow).ToList());
        }
        if (m.Guardrails.Count > 0)
        {
            Heading(text, "Evidence (latest measurement of each guardrail)");
            Table(text, NotificationSections.EvidenceColumns, m.Guardrails.Select(NotificationSections.EvidenceRow).ToList());
        }

        if (NotificationSections.IsDigest(m))
        {
            Heading(text, "Advances in this digest");
            Table(text, NotificationSections.DigestColumns, m.Digest.Select(NotificationSections.DigestRow).ToList());
        }
        else
        {
            Heading(text, "What the controller did");
            text.Append(m.Action).Append('\n');
        }
        Heading(text, "Next step");
        text.Append(m.NextStep).Append('\n');

        var links = NotificationSections.Links(m);
        if (links.Count > 0)
        {
            Heading(text, "Links");
            foreach (var (label, url) in links) text.Append("- ").Append(label).Append(": ").Append(url).Append('\n');
        }
        text.Append("\n-- \n").Append(NotificationSections.Footer(m)).Append('\n');
        return text.ToString();
    }

    private static void Heading(StringBuilder text, string heading) => text.Append('\n').Append(heading).Append('\n');

    private static void Table(StringBuilder text, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToList();
        void Row(IReadOnlyList<string> cells) =>
            text.Append("  ").Append(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd()).Append('\n');
        Row(header);
        Row(widths.Select(w => new string('-', w)).ToList());
        foreach (var row in rows) Row(row);
    }
}
