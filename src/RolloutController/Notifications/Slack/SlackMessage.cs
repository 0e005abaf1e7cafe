using System.Text.Json.Nodes;
using RolloutController.Rollouts;
using static RolloutController.Notifications.Slack.SlackBlocks;

namespace RolloutController.Notifications.Slack;

/// <summary>Renders a <see cref="NotificationMessage"/> as a Slack incoming-webhook body: <c>{"text": fallback, "blocks": [...]}</c>.</summary>
internal static class SlackMessage
{
    public static JsonObject Build(NotificationMessage m)
    {
        var blocks = new JsonArray
        {
            Header($"{NotificationFormat.SeverityEmoji(m.Severity)} {m.FlagKey} {NotificationFormat.KindText(m.Kind)}"),
            Section(Escape(m.Summary)),
            Fields(
            [
                ("Flag", $"`{Escape(m.FlagKey)}`"),
                ("Owner", Escape(m.Owner)),
                ("Stage", m.StageText),
                ("Weight", m.WeightText),
                ("Policy", $"{Escape(m.PolicyName)} ({NotificationFormat.Snake(m.FlagType)})"),
                ("Severity", m.Severity.ToString()),
            ]),
        };

        foreach (var breach in m.Breaches)
        {
            blocks.Add(Divider());
            var since = breach.FailingSince is { } s ? $" since {NotificationFormat.Time(s)}" : "";
            blocks.Add(Section(
                $":chart_with_upwards_trend: *{Escape(breach.Name)}*{SegmentText(breach.Segment)} tripped: `{Escape(breach.ValueVersusThreshold)}`\n" +
                $"{breach.ConsecutiveFailures} failing measurements in a row (limit {breach.FailureLimit}){since}\n" +
                Code(breach.Query),
                breach.GraphUrl is { } graph ? LinkButton("Open graph", graph) : null));
        }

        blocks.Add(Divider());
        blocks.Add(Section($"*What the controller did*\n{Escape(m.Action)}"));
        if (m.ExcludedSegments.Count > 0)
            blocks.Add(Section("*Excluded segments*\n" + string.Join("\n",
                m.ExcludedSegments.Select(e => $"• `{Escape(e.Segment)}` by {Escape(e.Guardrail)}"))));
        blocks.Add(Section($"*Next step*\n{Escape(m.NextStep)}"));
        if (LinkButtons(m) is { Count: > 0 } buttons) blocks.Add(Actions(buttons));
        if (m.Guardrails.Count > 0)
        {
            var lines = m.Guardrails.Select(g =>
                $"• {(g.GraphUrl is { } graph ? $"<{graph}|{Escape(g.Name)}>" : Escape(g.Name))}{SegmentText(g.Segment)}: " +
                $"`{Escape(g.ValueVersusThreshold)}` {NotificationFormat.Snake(g.Verdict)}");
            blocks.Add(Section("*Latest guardrail values*\n" + string.Join("\n", lines)));
        }
        blocks.Add(Context(
            $"{Escape(NotificationFormat.Snake(m.Transition.Trigger))} by {Escape(m.Transition.Actor)}: {Escape(m.Transition.Reason)}" +
            $" · {NotificationFormat.Time(m.At)} · id {m.Id}"));

        return new JsonObject { ["text"] = m.Headline, ["blocks"] = blocks };
    }

    /// <summary>Runbook, the rollout's page and the dashboard, as buttons; each only when the message has it.</summary>
    private static List<JsonObject> LinkButtons(NotificationMessage m)
    {
        var links = new (string Text, string? Url)[] { ("Runbook", m.Runbook), ("Rollout", m.RolloutUrl), ("Dashboard", m.DashboardUrl) };
        return links.Where(l => l.Url is not null).Select(l => LinkButton(l.Text, l.Url!)).ToList();
    }

    /// <summary>" (segment `plan="free"`)", or nothing for a measurement over all traffic.</summary>
    private static string SegmentText(string? segment) => segment is null ? "" : $" (segment `{Escape(segment)}`)";
}
