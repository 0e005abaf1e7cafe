using System.Text.Json;

namespace RolloutController.Notifications;

/// <summary>
/// A guardrail's evidence as JSON, the same in every channel that sends JSON (the webhook's <c>guardrails[]</c>,
/// PagerDuty's <c>custom_details</c>): snake_case names, times as <see cref="NotificationFormat.Time"/>.
/// </summary>
internal static class GuardrailJson
{
    public static void Write(Utf8JsonWriter w, GuardrailReport g)
    {
        w.WriteStartObject();
        w.WriteString("name", g.Name);
        w.WriteString("verdict", NotificationFormat.Snake(g.Verdict));
        // NaN and ±Inf are not JSON numbers; "detail" says what the query returned.
        if (g.Value is { } value && double.IsFinite(value)) w.WriteNumber("value", value);
        else w.WriteNull("value");
        w.WriteString("threshold", g.Threshold);
        if (g.ConsecutiveFailures is { } failures) w.WriteNumber("consecutive_failures", failures);
        if (g.FailureLimit is { } limit) w.WriteNumber("failure_limit", limit);
        if (g.ConsecutiveFailures is not null) WriteTime(w, "failing_since", g.FailingSince);
        w.WriteString("query", g.Query);
        w.WriteString("graph_url", g.GraphUrl);
        w.WriteString("segment", g.Segment);
        w.WriteString("runbook", g.Runbook);
        w.WriteString("detail", g.Detail);
        w.WriteString("measured_at", NotificationFormat.Time(g.MeasuredAt));
        w.WriteEndObject();
    }

    /// <summary>The time, or JSON null.</summary>
    public static void WriteTime(Utf8JsonWriter w, string name, DateTimeOffset? at)
    {
        if (at is { } value) w.WriteString(name, NotificationFormat.Time(value));
        else w.WriteNull(name);
    }

    /// <summary>Segments a segment exclusion takes out: guardrail, segment and its labels.</summary>
    public static void WriteExcludedSegments(Utf8JsonWriter w, string name, IReadOnlyList<ExcludedSegmentReport> excluded)
    {
        w.WriteStartArray(name);
        foreach (var e in excluded)
        {
            w.WriteStartObject();
            w.WriteString("guardrail", e.Guardrail);
            w.WriteString("segment", e.Segment);
            w.WriteStartObject("labels");
            foreach (var (label, value) in e.Labels) w.WriteString(label, value);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }
}
