using RolloutController.Flags;

namespace RolloutController.Ofrep;

/// <summary>
/// One flag's OFREP result: <c>evaluationSuccess</c> (key, value, reason, variant, metadata) or
/// <c>evaluationFailure</c>/<c>flagNotFound</c> (key, errorCode, errorDetails). Null members are not written.
/// </summary>
internal readonly record struct OfrepFlagResult(
    string Key,
    bool? Value,
    string? Reason,
    string? Variant,
    OfrepFlagMetadata? Metadata,
    string? ErrorCode,
    string? ErrorDetails)
{
    public static OfrepFlagResult For(ServedFlag flag, FlagEvaluation evaluation) =>
        evaluation.IsError
            ? Failure(flag.Key, evaluation.ErrorCode!, evaluation.ErrorDetails)
            : new(flag.Key, evaluation.Value, evaluation.Reason, evaluation.Variant,
                new OfrepFlagMetadata(flag.Weight, flag.Phase.ToString(), flag.StageIndex + 1, flag.PolicyName), null, null);

    public static OfrepFlagResult Failure(string key, string errorCode, string? errorDetails) =>
        new(key, null, null, null, null, errorCode, errorDetails);
}
