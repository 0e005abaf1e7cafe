using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RolloutController.Rollouts;

namespace RolloutController.Notifications.Alertmanager;

/// <summary>
/// How a notice becomes an Alertmanager alert (docs/notifications.md, "Alertmanager"). Pure: the send time is passed in.
/// </summary>
internal static class AlertmanagerPayload
{
    /// <summary>
    /// How long a firing alert is valid after each post, in re-post periods. Like Prometheus, which sends
    /// <c>endsAt</c> four evaluation intervals ahead: an alert stays active through a few missed re-posts, whatever the
    /// Alertmanager's <c>resolve_timeout</c>, and ends on its own soon after the controller stops re-posting it.
    /// </summary>
    public const int ValidForPeriods = 4;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The alert of <paramref name="message"/>: ending at <paramref name="endsAt"/> when it is over (a closing notice's
    /// time), else valid for <see cref="ValidForPeriods"/> × <paramref name="repostInterval"/> after <paramref name="now"/>.
    /// </summary>
    public static AlertmanagerAlert Alert(NotificationMessage message, DateTimeOffset? endsAt, DateTimeOffset now, TimeSpan repostInterval)
    {
        var labels = new List<KeyValuePair<string, string>>
        {
            new("alertname", AlertName(message.Kind)),
            new("flag", message.FlagKey),
            new("owner", message.Owner),
            new("severity", NotificationFormat.Snake(message.Severity)),
        };
        // Alertmanager treats an empty label as absent: a notice with no tripped guardrail has no guardrail label at all.
        if (message.Breaches.Count > 0)
            labels.Add(new("guardrail", string.Join(",", message.Breaches.Select(b => b.Name).Distinct().Order(StringComparer.Ordinal))));
        // The segments excluded, or measured by a tripped per-segment guardrail: receivers route and silence on them.
        var segments = message.ExcludedSegments.Select(e => e.Segment).Concat(message.Breaches.Select(b => b.Segment))
            .OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        if (segments.Count > 0) labels.Add(new("segment", string.Join(",", segments)));

        var annotations = new List<KeyValuePair<string, string>>
        {
            new("summary", message.Headline),
            new("description", Description(message)),
        };
        AddLink(annotations, "runbook_url", message.Runbook);
        AddLink(annotations, "graph", message.GraphUrl);
        AddLink(annotations, "rollout", message.RolloutUrl);
        AddLink(annotations, "dashboard", message.DashboardUrl);
        annotations.Add(new("notification_id", message.Id));

        var ends = endsAt ?? now + repostInterval * ValidForPeriods;
        // Alertmanager refuses an alert that ends before it starts; a closing notice of the same second ends it at once.
        return new AlertmanagerAlert(labels, annotations, message.At, ends < message.At ? message.At : ends, message.RolloutUrl ?? message.GraphUrl);
    }

    /// <summary>The request body: a JSON array of alerts, UTF-8.</summary>
    public static byte[] Serialize(IReadOnlyList<AlertmanagerAlert> alerts)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartArray();
            foreach (var alert in alerts)
            {
                w.WriteStartObject();
                WriteMap(w, "labels", alert.Labels);
                WriteMap(w, "annotations", alert.Annotations);
                w.WriteString("startsAt", NotificationFormat.Time(alert.StartsAt));
                w.WriteString("endsAt", NotificationFormat.Time(alert.EndsAt));
                if (alert.GeneratorUrl is not null) w.WriteString("generatorURL", alert.GeneratorUrl);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        return buffer.ToArray();
    }

    /// <summary>"RolloutRolledBack", "RolloutNotStored": one alert name per kind of notice.</summary>
    public static string AlertName(NoticeKind kind) => "Rollout" + kind;

    private static string Description(NotificationMessage message)
    {
        var text = new StringBuilder();
        text.Append(message.Summary).Append('\n');
        text.Append($"Flag {message.FlagKey} (owner {message.Owner}, policy {message.PolicyName}), stage {message.StageText}, {message.WeightText}.").Append('\n');
        foreach (var breach in message.Breaches)
        {
            text.Append(breach.Segment is null ? breach.Name : $"{breach.Name} ({breach.Segment})").Append($": {breach.ValueVersusThreshold}");
            if (breach.ConsecutiveFailures is { } failures)
                text.Append($", {failures} failures in a row (limit {breach.FailureLimit})");
            if (breach.FailingSince is { } since)
                text.Append($" since {NotificationFormat.Time(since)}");
            text.Append($"; query: {breach.Query}").Append('\n');
        }
        text.Append($"Done: {message.Action}").Append('\n');
        text.Append($"Next: {message.NextStep}");
        return text.ToString();
    }

    private static void AddLink(List<KeyValuePair<string, string>> annotations, string name, string? url)
    {
        if (url is not null) annotations.Add(new(name, url));
    }

    private static void WriteMap(Utf8JsonWriter w, string name, IReadOnlyList<KeyValuePair<string, string>> entries)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in entries) w.WriteString(key, value);
        w.WriteEndObject();
    }
}
