using RolloutController.Flags;

namespace RolloutController.Ofrep;

/// <summary>The OpenFeature reasons the controller reports (OFREP <c>evaluationSuccess.reason</c>); which path gives which: docs/flags.md.</summary>
internal static class OfrepReasons
{
    public const string Static = FlagReasons.Static;
    public const string Split = FlagReasons.Split;
    public const string TargetingMatch = FlagReasons.TargetingMatch;
    public const string Disabled = FlagReasons.Disabled;
    public const string Default = FlagReasons.Default;
    public const string Error = FlagReasons.Error;
}
