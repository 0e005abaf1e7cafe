using System.Text;
using System.Text.Json;

namespace RolloutController.TestUtilities.Webhooks;

/// <summary>One request a <see cref="WebhookReceiver"/> got, and the status it answered with.</summary>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    int RespondedWith,
    DateTimeOffset At)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Header value by name, case-insensitively; null when absent.</summary>
    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.Clone();
    }
}
