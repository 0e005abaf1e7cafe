using System.Text.Json;

namespace RolloutController.Ofrep;

/// <summary>A request body read and checked: the context (Undefined when none was sent) and its targeting key, or an error.</summary>
internal readonly record struct OfrepRequest(JsonElement Context, string? TargetingKey, string? ErrorCode, string? ErrorDetails)
{
    public bool IsError => ErrorCode is not null;

    public static OfrepRequest Invalid(string errorCode, string errorDetails) => new(default, null, errorCode, errorDetails);
}
