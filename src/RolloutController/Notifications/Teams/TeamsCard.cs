using System.Text.Json.Nodes;
using RolloutController.Rollouts;
using static RolloutController.Notifications.Teams.AdaptiveElements;

namespace RolloutController.Notifications.Teams;

/// <summary>
/// Renders a <see cref="NotificationMessage"/> as the body Teams' Workflows ("When a Teams webhook request is received")
/// and incoming webhooks take: a message with one Adaptive Card 1.4 attachment, its facts, the tripped guardrails with
/// their queries, the evidence, and buttons to the runbook, the rollout's page, the graph and the dashboard.
/// </summary>
internal static class TeamsCard
{
    public const string CardVersion = "1.4";
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>
    /// Buttons in the card's action bar. Hosts cap it and drop the rest without a word; the Adaptive Cards SDK's default
    /// host configuration at five, which is what the card is held to (tests/js/teams parses it with that SDK).
    /// </summary>
    public const int MaxActions = 5;

    public static JsonObject Build(NotificationMessage m) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = ContentType,
            ["contentUrl"] = null,
            ["content"] = Card(m),
        }),
    };

    public static JsonObject Card(NotificationMessage m)
    {
        var body = new JsonArray
        {
            Container(Style(m),
                Text(NotificationSections.Title(m), ("size", "large"), ("weight", "bolder")),
                Text(m.Summary)),
            Facts(NotificationSections.Facts(m)),
        };
        if (m.Breaches.Count > 0)
        {
            body.Add(Heading("Tripped"));
            foreach (var b in m.Breaches)
            {
                body.Add(Text(NotificationSections.Breach(b)));
                body.Add(Text(b.Query, ("fontType", "monospace"), ("isSubtle", true), ("spacing", "none")));
            }
        }
        if (m.ExcludedSegments.Count > 0)
        {
            body.Add(Heading("Segments excluded (served off)"));
            // Segment as written, then the guardrail that took it out and the segment's labels: plan="free" | checkout-conversion (plan=free).
            body.Add(Facts(m.ExcludedSegments.Select(NotificationSections.ExclusionRow).Select(row => (row[0], $"{row[2]} ({row[1]})"))));
        }
        if (m.Guardrails.Count > 0)
        {
            body.Add(Heading("Evidence (latest measurement of each guardrail)"));
            body.Add(Facts(m.Guardrails.Select(g => (Label(g), $"{NotificationFormat.Snake(g.Verdict)}: {g.ValueVersusThreshold}"))));
        }
        if (NotificationSections.IsDigest(m))
        {
            body.Add(Heading("Advances in this digest"));
            // Flag (owner) | weight, stage and time: one line per advance.
            body.Add(Facts(m.Digest.Select(e => ($"{e.FlagKey} ({e.Owner})", $"{e.WeightText}, stage {e.StageText} at {NotificationFormat.Time(e.At)}"))));
        }
        else
        {
            body.Add(Heading("What the controller did"));
            body.Add(Text(m.Action));
        }
        body.Add(Heading("Next step"));
        body.Add(Text(m.NextStep));
        body.Add(Text(NotificationSections.Footer(m), ("size", "small"), ("isSubtle", true), ("separator", true)));

        return new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = CardVersion,
            ["fallbackText"] = m.Headline,
            ["body"] = body,
            ["actions"] = new JsonArray(Actions(m).ToArray()),
        };
    }

    /// <summary>Runbook, rollout's page, graph and dashboard, each when the message has it; then further graphs, up to <see cref="MaxActions"/>.</summary>
    private static IEnumerable<JsonNode> Actions(NotificationMessage m)
    {
        var links = new List<(string Title, string? Url)>
        {
            ("Runbook", m.Runbook),
            ("Rollout", m.RolloutUrl),
            ("Graph", m.GraphUrl),
            ("Dashboard", m.DashboardUrl),
        };
        links.AddRange(m.Breaches.Concat(m.Guardrails).Select(g => ($"Graph: {g.Name}", g.GraphUrl)));
        return links.Where(l => l.Url is not null).DistinctBy(l => l.Url).Take(MaxActions).Select(l => (JsonNode)OpenUrl(l.Title, l.Url!));
    }

    /// <summary>"error-rate", or "checkout-conversion plan="free"" for a guardrail measured on a segment.</summary>
    private static string Label(GuardrailReport g) => g.Segment is { } s ? $"{g.Name} {s}" : g.Name;

    /// <summary>The banner's colour: red for critical, amber for warning, green when an incident is over.</summary>
    private static string Style(NotificationMessage m) => m switch
    {
        { Severity: NoticeSeverity.Critical } => "attention",
        { Severity: NoticeSeverity.Warning } => "warning",
        { Incident: IncidentAction.Resolve } => "good",
        _ => "emphasis",
    };
}
