namespace RolloutController.Analysis;

/// <summary>
/// The span the sample-ratio check counts exposures over: from the stage's start, less the time the flag platform's SDKs
/// may still serve the previous stage (they fetch the flags on their own schedule: Unleash's every 15 s by default), so
/// exposures decided under the old weight are not counted against the new one. Until that time has passed, nothing is
/// counted and the check waits. With no delay (the built-in backend, flagd, LaunchDarkly's streaming SDKs) it is the whole
/// stage.
/// </summary>
internal static class SampleRatioWindow
{
    /// <summary>The span to count, or null while the stage is younger than <paramref name="sdkRefresh"/> (then wait).</summary>
    /// <param name="sinceStageStart">Time since the stage started.</param>
    /// <param name="sdkRefresh">How long the platform's SDKs may take to get a change; zero for none.</param>
    public static TimeSpan? Counted(TimeSpan sinceStageStart, TimeSpan sdkRefresh)
    {
        if (sdkRefresh <= TimeSpan.Zero) return sinceStageStart;
        var counted = sinceStageStart - sdkRefresh;
        return counted > TimeSpan.Zero ? counted : null;
    }
}
