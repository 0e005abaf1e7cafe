using System.Text.Json.Nodes;

namespace RolloutController.Notifications.Teams;

/// <summary>
/// The Adaptive Card 1.4 elements the Teams card uses, with the properties the 1.4 schema defines for them
/// (adaptivecards.io/schemas/adaptive-card.json): TextBlock, FactSet, Container and Action.OpenUrl.
/// </summary>
internal static class AdaptiveElements
{
    /// <summary>A wrapping text block; <paramref name="style"/> adds properties such as <c>weight</c> or <c>fontType</c>.</summary>
    public static JsonObject Text(string text, params (string Name, JsonNode Value)[] style)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        foreach (var (name, value) in style) block[name] = value;
        return block;
    }

    /// <summary>A bold heading with a separator line above it.</summary>
    public static JsonObject Heading(string text) =>
        Text(text, ("weight", "bolder"), ("separator", true), ("spacing", "medium"));

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value }).ToArray()),
    };

    /// <param name="style">A container style: <c>default</c>, <c>emphasis</c>, <c>good</c>, <c>attention</c>, <c>warning</c>, <c>accent</c>.</param>
    public static JsonObject Container(string style, params JsonNode[] items) => new()
    {
        ["type"] = "Container",
        ["style"] = style,
        ["bleed"] = true,
        ["items"] = new JsonArray(items),
    };

    public static JsonObject OpenUrl(string title, string url) => new()
    {
        ["type"] = "Action.OpenUrl",
        ["title"] = title,
        ["url"] = url,
    };
}
