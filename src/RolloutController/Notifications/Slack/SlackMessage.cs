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
            Header($"{NotificationFormat.SeverityEmoji(m.Severity)} {m.FlagKey} {KindText(m.Kind)}"),
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
                $":chart_with_upwards_trend: *{Escape(breach.Name)}* tripped: `{Escape(breach.ValueVersusThreshold)}`\n" +
                $"{breach.ConsecutiveFailures} failing measurements in a row (limit {breach.FailureLimit}){since}\n" +
                Code(breach.Query),
                breach.GraphUrl is { } graph ? LinkButton("Open graph", graph) : null));
        }

        blocks.Add(Divider());
        blocks.Add(Section($"*What the controller did*\n{Escape(m.Action)}"));
        blocks.Add(Section($"*Next step*\n{Escape(m.NextStep)}"));
        if (m.Guardrails.Count > 0)
        {
            var lines = m.Guardrails.Select(g =>
                $"• {(g.GraphUrl is { } graph ? $"<{graph}|{Escape(g.Name)}>" : Escape(g.Name))}: `{Escape(g.ValueVersusThreshold)}` {NotificationFormat.Snake(g.Verdict)}");
            blocks.Add(Section("*Latest guardrail values*\n" + string.Join("\n", lines)));
        }
        blocks.Add(Context(
            $"{Escape(NotificationFormat.Snake(m.Transition.Trigger))} by {Escape(m.Transition.Actor)}: {Escape(m.Transition.Reason)}" +
            $" · {NotificationFormat.Time(m.At)} · id {m.Id}"));

        return new JsonObject { ["text"] = m.Headline, ["blocks"] = blocks };
    }

    /// <summary>"rolled back", "completed".</summary>
    private static string KindText(NoticeKind kind) => NotificationFormat.Snake(kind).Replace('_', ' ');
}
