using System.Text.Json.Nodes;

namespace RolloutController.Notifications.Slack;

/// <summary>Block Kit building blocks, with Slack's escaping and length limits applied.</summary>
internal static class SlackBlocks
{
    /// <summary>Slack rejects section texts over 3000 characters and header texts over 150.</summary>
    private const int MaxSectionText = 3000;
    private const int MaxHeaderText = 150;

    /// <summary>Escapes the three characters mrkdwn gives meaning to (links and mentions).</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public static JsonObject Header(string text) => new()
    {
        ["type"] = "header",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(text, MaxHeaderText), ["emoji"] = true },
    };

    public static JsonObject Section(string mrkdwn, JsonObject? accessory = null)
    {
        var section = new JsonObject { ["type"] = "section", ["text"] = Mrkdwn(Truncate(mrkdwn, MaxSectionText)) };
        if (accessory is not null) section["accessory"] = accessory;
        return section;
    }

    public static JsonObject Fields(IEnumerable<(string Label, string Value)> fields) => new()
    {
        ["type"] = "section",
        ["fields"] = new JsonArray(fields.Select(f => (JsonNode)Mrkdwn($"*{f.Label}*\n{f.Value}")).ToArray()),
    };

    public static JsonObject LinkButton(string text, string url) => new()
    {
        ["type"] = "button",
        ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = text, ["emoji"] = true },
        ["url"] = url,
    };

    public static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(Mrkdwn(Truncate(mrkdwn, MaxSectionText))),
    };

    /// <summary>A row of buttons (Slack allows up to 25 elements in an actions block).</summary>
    public static JsonObject Actions(IEnumerable<JsonObject> elements) => new()
    {
        ["type"] = "actions",
        ["elements"] = new JsonArray(elements.Select(e => (JsonNode)e).ToArray()),
    };

    public static JsonObject Divider() => new() { ["type"] = "divider" };

    /// <summary>A code block; the text is escaped and must not contain the fence itself.</summary>
    public static string Code(string text) => "```" + Escape(text).Replace("```", "'''") + "```";

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
