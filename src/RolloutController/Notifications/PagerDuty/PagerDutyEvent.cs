using System.Text.Encodings.Web;
using System.Text.Json;
using RolloutController.Rollouts;

namespace RolloutController.Notifications.PagerDuty;

/// <summary>
/// The Events API v2 body for a <see cref="NotificationMessage"/>, as PagerDuty documents it
/// (https://developer.pagerduty.com/docs/events-api-v2/trigger-events/): <c>routing_key</c>, <c>event_action</c>,
/// <c>dedup_key</c> (the incident key, so the resolve closes what the trigger opened), and for a trigger the
/// <c>payload</c> (summary, source, severity, timestamp, component, group, class, <c>custom_details</c> with the evidence)
/// and <c>links</c> (runbook, graph, dashboard, the rollout's page).
/// </summary>
internal static class PagerDutyEvent
{
    /// <summary>PagerDuty's limit on <c>payload.summary</c>.</summary>
    public const int MaxSummaryLength = 1024;

    public const string Client = "RolloutController";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary><c>trigger</c>, <c>resolve</c>, or null for a notice that neither opens nor closes an incident.</summary>
    public static string? ActionOf(NotificationMessage message) => message.Incident switch
    {
        IncidentAction.Trigger => "trigger",
        IncidentAction.Resolve => "resolve",
        _ => null,
    };

    /// <summary>
    /// critical for harm found (rollback, sample-ratio mismatch, an abort or a move not stored); error for a rollout the
    /// controller paused because it cannot judge it (query errors, no data); warning and info as the notice says.
    /// </summary>
    public static string Severity(NotificationMessage message) => message.Severity switch
    {
        NoticeSeverity.Critical => "critical",
        NoticeSeverity.Warning when message.Incident == IncidentAction.Trigger => "error",
        NoticeSeverity.Warning => "warning",
        _ => "info",
    };

    /// <exception cref="InvalidOperationException">The message is not one PagerDuty takes (<see cref="ActionOf"/> is null).</exception>
    public static byte[] Serialize(NotificationMessage message, string routingKey)
    {
        var action = ActionOf(message) ?? throw new InvalidOperationException($"notice {message.Id} ({message.Kind}) opens or closes no incident");
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("routing_key", routingKey);
            w.WriteString("event_action", action);
            w.WriteString("dedup_key", message.IncidentKey);
            if (action == "trigger") WriteTrigger(w, message);
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteTrigger(Utf8JsonWriter w, NotificationMessage m)
    {
        w.WriteString("client", Client);
        if (m.RolloutUrl is { } page) w.WriteString("client_url", page);

        w.WriteStartObject("payload");
        w.WriteString("summary", m.Headline.Length <= MaxSummaryLength ? m.Headline : m.Headline[..(MaxSummaryLength - 1)] + "…");
        w.WriteString("source", m.FlagKey);
        w.WriteString("severity", Severity(m));
        w.WriteString("timestamp", NotificationFormat.Time(m.At));
        w.WriteString("component", m.PolicyName);
        w.WriteString("group", m.Owner);
        w.WriteString("class", NotificationFormat.Snake(m.Kind));
        w.WriteStartObject("custom_details");
        WriteDetails(w, m);
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("links");
        foreach (var (href, text) in Links(m))
        {
            w.WriteStartObject();
            w.WriteString("href", href);
            w.WriteString("text", text);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void WriteDetails(Utf8JsonWriter w, NotificationMessage m)
    {
        w.WriteString("summary", m.Summary);
        w.WriteString("action", m.Action);
        w.WriteString("next_step", m.NextStep);
        w.WriteString("flag", m.FlagKey);
        w.WriteString("owner", m.Owner);
        w.WriteString("policy", m.PolicyName);
        w.WriteString("stage", m.StageText);
        w.WriteString("weight", m.WeightText);
        GuardrailJson.WriteTime(w, "failing_since", m.FailingSince);
        w.WriteString("runbook", m.Runbook);
        w.WriteStartArray("breaches");
        foreach (var breach in m.Breaches) GuardrailJson.Write(w, breach);
        w.WriteEndArray();
        w.WriteStartArray("guardrails");
        foreach (var guardrail in m.Guardrails) GuardrailJson.Write(w, guardrail);
        w.WriteEndArray();
        GuardrailJson.WriteExcludedSegments(w, "excluded_segments", m.ExcludedSegments);
        w.WriteString("transition", $"{NotificationFormat.Snake(m.Transition.Trigger)} by {m.Transition.Actor}: {m.Transition.Reason}");
        w.WriteString("notification_id", m.Id);
    }

    /// <summary>Runbook first (what to do), then the graphs of the tripped guardrails, the dashboard and the rollout's page.</summary>
    private static IEnumerable<(string Href, string Text)> Links(NotificationMessage m)
    {
        if (m.Runbook is { } runbook) yield return (runbook, "Runbook");
        foreach (var breach in m.Breaches.Where(b => b.GraphUrl is not null))
            yield return (breach.GraphUrl!, $"Graph: {breach.Name}{(breach.Segment is { } s ? $" ({s})" : "")}");
        if (m.Breaches.All(b => b.GraphUrl is null) && m.GraphUrl is { } graph) yield return (graph, "Graph");
        if (m.DashboardUrl is { } dashboard) yield return (dashboard, "Dashboard");
        if (m.RolloutUrl is { } page) yield return (page, $"Rollout {m.FlagKey}");
    }
}
