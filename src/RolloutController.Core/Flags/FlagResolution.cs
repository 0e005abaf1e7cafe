namespace RolloutController.Flags;

/// <summary>The outcome of evaluating a flag for one context: a variant and a reason, or an error code.</summary>
/// <param name="Variant">Index into the flag's variants; -1 on error.</param>
internal readonly record struct FlagResolution(int Variant, string Reason, string? ErrorCode, string? ErrorDetails)
{
    public const string TargetingKeyMissing = "TARGETING_KEY_MISSING";

    public bool IsError => ErrorCode is not null;

    public static FlagResolution Served(int variant, string reason) => new(variant, reason, null, null);

    public static FlagResolution Failed(string errorCode, string details) => new(-1, FlagReasons.Error, errorCode, details);
}
