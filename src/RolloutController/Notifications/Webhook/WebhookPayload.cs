using System.Text.Encodings.Web;
using System.Text.Json;

namespace RolloutController.Notifications.Webhook;

/// <summary>
/// The documented JSON body of the generic webhook (docs/notifications.md). Field names are snake_case and stable
/// within a <see cref="Schema"/> version: fields may be added, none renamed or removed without a new version.
/// </summary>
internal static class WebhookPayload
{
    public const string Schema = "rollout-controller.notification/v1";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>UTF-8 JSON; these exact bytes are what is signed and sent.</summary>
    public static byte[] Serialize(NotificationMessage message)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("schema", Schema);
            w.WriteString("id", message.Id);
            w.WriteString("timestamp", NotificationFormat.Time(message.At));
            w.WriteString("kind", NotificationFormat.Snake(message.Kind));
            w.WriteString("severity", NotificationFormat.Snake(message.Severity));
            w.WriteString("headline", message.Headline);
            w.WriteString("summary", message.Summary);
            w.WriteString("action", message.Action);
            w.WriteString("next_step", message.NextStep);
            GuardrailJson.WriteTime(w, "failing_since", message.FailingSince);

            w.WriteStartObject("links");
            w.WriteString("runbook", message.Runbook);
            w.WriteString("rollout", message.RolloutUrl);
            w.WriteString("dashboard", message.DashboardUrl);
            w.WriteString("graph", message.GraphUrl);
            w.WriteEndObject();

            w.WriteStartObject("incident");
            w.WriteString("action", NotificationFormat.Snake(message.Incident));
            w.WriteString("key", message.IncidentKey);
            w.WriteEndObject();

            w.WriteStartObject("flag");
            w.WriteString("key", message.FlagKey);
            w.WriteString("type", NotificationFormat.Snake(message.FlagType));
            w.WriteString("owner", message.Owner);
            w.WriteString("policy", message.PolicyName);
            w.WriteString("reason", message.PolicyReason);
            w.WriteEndObject();

            w.WriteStartObject("stage");
            w.WriteNumber("number", message.StageNumber);
            w.WriteNumber("count", message.StageCount);
            w.WriteString("text", message.StageText);
            w.WriteNumber("weight_before", message.WeightBefore);
            w.WriteNumber("weight_after", message.WeightAfter);
            w.WriteEndObject();

            w.WriteStartArray("breaches");
            foreach (var breach in message.Breaches) GuardrailJson.Write(w, breach);
            w.WriteEndArray();

            w.WriteStartArray("guardrails");
            foreach (var guardrail in message.Guardrails) GuardrailJson.Write(w, guardrail);
            w.WriteEndArray();

            GuardrailJson.WriteExcludedSegments(w, "excluded_segments", message.ExcludedSegments);

            w.WriteStartArray("digest");
            foreach (var entry in message.Digest)
            {
                w.WriteStartObject();
                w.WriteString("id", entry.NotificationId);
                w.WriteString("flag", entry.FlagKey);
                w.WriteString("owner", entry.Owner);
                w.WriteString("summary", entry.Summary);
                w.WriteString("stage", entry.StageText);
                w.WriteString("weight", entry.WeightText);
                w.WriteString("at", NotificationFormat.Time(entry.At));
                w.WriteEndObject();
            }
            w.WriteEndArray();

            var t = message.Transition;
            w.WriteStartObject("transition");
            w.WriteString("trigger", NotificationFormat.Snake(t.Trigger));
            w.WriteString("from_phase", NotificationFormat.Snake(t.From));
            w.WriteString("to_phase", NotificationFormat.Snake(t.To));
            w.WriteString("actor", t.Actor);
            w.WriteString("reason", t.Reason);
            w.WriteString("at", NotificationFormat.Time(t.At));
            w.WriteEndObject();

            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
