using System.Text.Json;
using RolloutController.Flags;

namespace RolloutController.Ofrep;

/// <summary>The outcome of evaluating one flag for one context: the variant's name and value, or an error code.</summary>
/// <param name="Value">The variant's value as JSON (boolean, string, number or object); undefined on error.</param>
internal readonly record struct FlagEvaluation(JsonElement Value, string Variant, string Reason, string? ErrorCode, string? ErrorDetails)
{
    public bool IsError => ErrorCode is not null;

    /// <summary>The value of a boolean flag (false for any other value).</summary>
    public bool IsOn => Value.ValueKind == JsonValueKind.True;

    /// <summary>A boolean flag's <c>on</c> (true) or <c>off</c> (false).</summary>
    public static FlagEvaluation Served(bool value, string reason)
    {
        var variant = FlagDefinition.ImplicitVariants[value ? 0 : 1];
        return new(variant.Value, variant.Name, reason, null, null);
    }

    public static FlagEvaluation Failed(string errorCode, string errorDetails) => new(default, "", FlagReasons.Error, errorCode, errorDetails);

    public static FlagEvaluation Of(ServableFlag flag, FlagResolution resolution)
    {
        if (resolution.IsError) return new(default, "", FlagReasons.Error, resolution.ErrorCode, resolution.ErrorDetails);
        var variant = flag.Definition.Variants[resolution.Variant];
        return new(variant.Value, variant.Name, resolution.Reason, null, null);
    }
}
