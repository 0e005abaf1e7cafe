using System.Text.Json;

namespace RolloutController.TestUtilities.PagerDuty;

/// <summary>One event a <see cref="PagerDutyReceiver"/> got, what the schema said of it, and the status it answered.</summary>
/// <param name="SchemaErrors">Violations of the Events API v2 schema; empty for a valid event.</param>
public sealed record PagerDutyRequest(string Body, string? ContentType, IReadOnlyList<string> SchemaErrors, int RespondedWith)
{
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }

    public string? EventAction => Json().TryGetProperty("event_action", out var a) ? a.GetString() : null;
}
