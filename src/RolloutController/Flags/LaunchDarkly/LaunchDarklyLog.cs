namespace RolloutController.Flags.LaunchDarkly;

internal static partial class LaunchDarklyLog
{
    [LoggerMessage(3100, LogLevel.Warning, "LaunchDarkly connection {Provider} refused a change with {Status}: {Failure}")]
    public static partial void Refused(ILogger logger, string provider, int status, string failure);
}
