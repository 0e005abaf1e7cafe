using System.Text.Json;
using RolloutController.Flags;

namespace RolloutController.Ofrep;

/// <summary>
/// An OFREP request's evaluation context as the flag evaluator reads it: strings, numbers and booleans are attributes
/// of their type; null, objects and arrays are present but match no operator. Reads the request's JSON in place.
/// </summary>
internal readonly struct OfrepContext(string? targetingKey, JsonElement context) : IEvaluationContext
{
    public string? TargetingKey => targetingKey;

    public bool TryGet(string attribute, out ContextValue value)
    {
        value = default;
        if (context.ValueKind != JsonValueKind.Object || !context.TryGetProperty(attribute, out var element)) return false;
        value = element.ValueKind switch
        {
            JsonValueKind.String => ContextValue.Of(element.GetString()!),
            JsonValueKind.Number when element.TryGetDouble(out var number) => ContextValue.Of(number) with { Text = element.GetRawText() },
            JsonValueKind.True => ContextValue.Of(true),
            JsonValueKind.False => ContextValue.Of(false),
            _ => ContextValue.Other,
        };
        return true;
    }
}
