namespace RolloutController.Ofrep;

/// <summary>The outcome of evaluating one boolean flag for one context; either a value or an error code.</summary>
internal readonly record struct FlagEvaluation(bool Value, string Variant, string Reason, string? ErrorCode, string? ErrorDetails)
{
    public bool IsError => ErrorCode is not null;

    public static FlagEvaluation Served(bool value, string reason) =>
        new(value, value ? OfrepEvaluator.On : OfrepEvaluator.Off, reason, null, null);

    public static FlagEvaluation Failed(string errorCode, string errorDetails) =>
        new(false, "", OfrepReasons.Error, errorCode, errorDetails);
}
