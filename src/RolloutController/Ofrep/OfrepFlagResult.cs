using System.Text.Json;
using RolloutController.Flags;
using RolloutController.Policies.Yaml;

namespace RolloutController.Ofrep;

/// <summary>
/// One flag's OFREP result: <c>evaluationSuccess</c> (key, value, reason, variant, metadata) or
/// <c>evaluationFailure</c>/<c>flagNotFound</c> (key, errorCode, errorDetails). Null members are not written.
/// </summary>
internal readonly record struct OfrepFlagResult(
    string Key,
    JsonElement? Value,
    string? Reason,
    string? Variant,
    OfrepFlagMetadata? Metadata,
    string? ErrorCode,
    string? ErrorDetails)
{
    /// <param name="rollout">What the flag's rollout serves, when a policy drives it.</param>
    public static OfrepFlagResult For(ServableFlag flag, ServedFlag? rollout, FlagEvaluation evaluation) =>
        evaluation.IsError
            ? Failure(flag.Key, evaluation.ErrorCode!, evaluation.ErrorDetails)
            : new(flag.Key, evaluation.Value, evaluation.Reason, evaluation.Variant, MetadataOf(flag, rollout), null, null);

    /// <summary>A flag without a Flag document.</summary>
    public static OfrepFlagResult For(ServedFlag flag, FlagEvaluation evaluation) => For(flag.Implicit, flag, evaluation);

    public static OfrepFlagResult Failure(string key, string errorCode, string? errorDetails) =>
        new(key, null, null, null, null, errorCode, errorDetails);

    private static OfrepFlagMetadata MetadataOf(ServableFlag flag, ServedFlag? rollout)
    {
        var metadata = flag.Definition.Metadata;
        var off = flag.Live.Switch;
        return new OfrepFlagMetadata(
            NodeReader.EnumName(metadata.Type),
            string.IsNullOrEmpty(metadata.Owner) ? rollout?.Owner : metadata.Owner,
            NodeReader.EnumName(flag.Definition.Layer),
            rollout?.Weight, rollout?.Phase.ToString(), rollout is null ? null : rollout.StageIndex + 1, rollout?.PolicyName,
            off is null ? null : true, off?.Actor, off?.Reason);
    }
}
