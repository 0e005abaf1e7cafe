namespace RolloutController.Ofrep;

/// <summary>OFREP error codes (<c>evaluationFailure.errorCode</c>, <c>flagNotFound.errorCode</c>).</summary>
internal static class OfrepErrorCodes
{
    public const string ParseError = "PARSE_ERROR";
    public const string TargetingKeyMissing = "TARGETING_KEY_MISSING";
    public const string InvalidContext = "INVALID_CONTEXT";
    public const string General = "GENERAL";
    public const string FlagNotFound = "FLAG_NOT_FOUND";
}
