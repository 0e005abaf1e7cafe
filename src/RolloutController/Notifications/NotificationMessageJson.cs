using System.Text.Json;
using System.Text.Json.Serialization;

namespace RolloutController.Notifications;

/// <summary>
/// How a <see cref="NotificationMessage"/> is kept in the outbox: as built when the notice was raised, so every attempt,
/// on any replica and after any restart, sends the same message with the same id.
/// </summary>
internal static class NotificationMessageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(NotificationMessage message) => JsonSerializer.Serialize(message, Options);

    /// <exception cref="JsonException">Not a message this build can read.</exception>
    public static NotificationMessage Deserialize(string json) =>
        JsonSerializer.Deserialize<NotificationMessage>(json, Options) ?? throw new JsonException("null notification message");
}
