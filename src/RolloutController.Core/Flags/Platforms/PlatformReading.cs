using System.Globalization;
using RolloutController.Analysis;

namespace RolloutController.Flags.Platforms;

/// <summary>
/// The flag platform's state as a round's measurement, so the rules that hold a gate and count errors for Prometheus hold
/// it for the platform too: in sync passes; unreachable (or a rollback not applied) is an error, counted toward the
/// error limit; drift fails and pauses the rollout; a change still being applied is inconclusive and only holds the gate.
/// </summary>
internal static class PlatformReading
{
    /// <summary>The measurement's name, reserved: no guardrail may take it.</summary>
    public const string MeasurementName = "flag-platform";

    public static Measurement Of(string provider, PlatformSyncStatus status, decimal? servedWeight, string detail, DateTimeOffset at)
    {
        var verdict = status switch
        {
            PlatformSyncStatus.InSync => Verdict.Pass,
            PlatformSyncStatus.Drifted => Verdict.Fail,
            PlatformSyncStatus.Applying => Verdict.Inconclusive,
            _ => Verdict.Error,
        };
        var threshold = string.Create(CultureInfo.InvariantCulture, $"{provider} serves the applied state");
        return new Measurement(MeasurementName, verdict, servedWeight is { } w ? (double)w : null, threshold, "", $"{provider}: {detail}", at,
            new MeasurementDetails(MeasurementDetails.FlagPlatform));
    }
}
