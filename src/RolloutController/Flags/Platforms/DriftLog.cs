namespace RolloutController.Flags.Platforms;

/// <summary>How a change made by hand on a flag's platform was resolved by a person (adopt keeps it, resume overwrites it).</summary>
internal static partial class DriftLog
{
    [LoggerMessage(3200, LogLevel.Information,
        "Flag {Flag} on {Provider}: the change made by hand was adopted; the rollout serves what the platform serves ({Served}), nothing written")]
    public static partial void Adopted(ILogger logger, string flag, string provider, PlatformFlagState served);

    [LoggerMessage(3201, LogLevel.Information,
        "Flag {Flag} on {Provider}: a person resumed after a change made by hand ({Served}); writing the rollout's state ({Wanted}) over it")]
    public static partial void Overwritten(ILogger logger, string flag, string provider, PlatformFlagState? served, PlatformFlagState wanted);
}
