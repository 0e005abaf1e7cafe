using System.Text.Json;

namespace RolloutController.Ofrep;

/// <summary>A request body read and checked: the context (Undefined when none was sent) and its targeting key, or an error.</summary>
/// <param name="TooLarge">The body exceeded <see cref="OfrepRequestReader.MaxBodyBytes"/>: answered 413, nothing evaluated.</param>
internal readonly record struct OfrepRequest(JsonElement Context, string? TargetingKey, string? ErrorCode, string? ErrorDetails, bool TooLarge = false)
{
    public bool IsError => ErrorCode is not null;

    public static OfrepRequest TooLargeBody(string details) => new(default, null, "PAYLOAD_TOO_LARGE", details, TooLarge: true);

    public static OfrepRequest Invalid(string errorCode, string errorDetails) => new(default, null, errorCode, errorDetails);
}
