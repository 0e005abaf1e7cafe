using System.Net;
using System.Text;

namespace RolloutController.Notifications.Email;

/// <summary>
/// The HTML part: the same sections as the plain text, every value HTML-escaped, inline styles only (mail clients drop
/// style sheets), the evidence as a table and links as anchors.
/// </summary>
internal static class EmailHtml
{
    private const string Cell = "style=\"border:1px solid #ccc;padding:4px 8px;text-align:left\"";

    public static string Render(NotificationMessage m)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(E(m.Headline)).Append("</title></head>\n");
        html.Append("<body style=\"font-family:sans-serif;font-size:14px;color:#222\">\n");
        html.Append("<h2 style=\"color:").Append(Colour(m.Severity)).Append("\">").Append(E(NotificationSections.Title(m))).Append("</h2>\n");
        html.Append("<p>").Append(E(m.Summary)).Append("</p>\n");

        html.Append("<table style=\"border-collapse:collapse\">\n");
        foreach (var (label, value) in NotificationSections.Facts(m))
            html.Append("<tr><th ").Append(Cell).Append('>').Append(E(label)).Append("</th><td ").Append(Cell).Append('>').Append(E(value)).Append("</td></tr>\n");
        html.Append("</table>\n");

        if (m.Breaches.Count > 0)
        {
            html.Append("<h3>Tripped</h3>\n<ul>\n");
            foreach (var b in m.Breaches)
                html.Append("<li>").Append(E(NotificationSections.Breach(b))).Append("<br><code>").Append(E(b.Query)).Append("</code></li>\n");
            html.Append("</ul>\n");
        }
        if (m.ExcludedSegments.Count > 0)
        {
            html.Append("<h3>Segments excluded (served off)</h3>\n");
            Table(html, NotificationSections.ExclusionColumns, m.ExcludedSegments.Select(e => NotificationSections.ExclusionRow(e).Select(E).ToList()));
        }
        if (m.Guardrails.Count > 0)
        {
            html.Append("<h3>Evidence (latest measurement of each guardrail)</h3>\n");
            // The guardrail's name links to its graph.
            Table(html, NotificationSections.EvidenceColumns, m.Guardrails.Select(g =>
                NotificationSections.EvidenceRow(g).Select((cell, i) => i == 0 ? Link(cell, g.GraphUrl) : E(cell)).ToList()));
        }

        if (NotificationSections.IsDigest(m))
        {
            html.Append("<h3>Advances in this digest</h3>\n");
            Table(html, NotificationSections.DigestColumns, m.Digest.Select(e => NotificationSections.DigestRow(e).Select(E).ToList()));
        }
        else
        {
            html.Append("<h3>What the controller did</h3>\n<p>").Append(E(m.Action)).Append("</p>\n");
        }
        html.Append("<h3>Next step</h3>\n<pre style=\"background:#f4f4f4;padding:8px;white-space:pre-wrap\">")
            .Append(E(m.NextStep)).Append("</pre>\n");

        var links = NotificationSections.Links(m);
        if (links.Count > 0)
        {
            html.Append("<h3>Links</h3>\n<ul>\n");
            foreach (var (label, url) in links) html.Append("<li>").Append(Link(label, url)).Append("</li>\n");
            html.Append("</ul>\n");
        }
        html.Append("<p style=\"color:#777;font-size:12px\">").Append(E(NotificationSections.Footer(m))).Append("</p>\n</body></html>\n");
        return html.ToString();
    }

    /// <summary>A bordered table; <paramref name="rows"/> are HTML already (escaped by the caller).</summary>
    private static void Table(StringBuilder html, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        html.Append("<table style=\"border-collapse:collapse\">\n<tr>");
        foreach (var column in header) html.Append("<th ").Append(Cell).Append('>').Append(E(column)).Append("</th>");
        html.Append("</tr>\n");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td ").Append(Cell).Append('>').Append(cell).Append("</td>");
            html.Append("</tr>\n");
        }
        html.Append("</table>\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Link(string text, string? url) =>
        url is null ? E(text) : $"<a href=\"{E(url)}\">{E(text)}</a>";

    private static string Colour(Rollouts.NoticeSeverity severity) => severity switch
    {
        Rollouts.NoticeSeverity.Critical => "#b00020",
        Rollouts.NoticeSeverity.Warning => "#9a6700",
        _ => "#1f5fbf",
    };
}
