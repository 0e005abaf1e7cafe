namespace RolloutController.Lifecycle;

internal static partial class LifecycleLog
{
    [LoggerMessage(5800, LogLevel.Information, "Sent the {Kind} reminder #{Sent} of flag {FlagKey} (owner {Owner}), about {Due}: {Summary}")]
    public static partial void ReminderSent(ILogger logger, string kind, long sent, string flagKey, string owner, DateOnly due, string summary);

    [LoggerMessage(5801, LogLevel.Debug, "The {Kind} reminder of flag {FlagKey} was sent by another replica first")]
    public static partial void ReminderSentElsewhere(ILogger logger, string kind, string flagKey);

    [LoggerMessage(5802, LogLevel.Warning, "Could not store the {Kind} reminder of flag {FlagKey}; it is sent at the next count (every minute) once the store answers")]
    public static partial void ReminderNotStored(ILogger logger, Exception exception, string kind, string flagKey);

    [LoggerMessage(5803, LogLevel.Warning, "Could not read the review reminders sent so far; none is sent until the store answers (tried again every minute)")]
    public static partial void RemindersNotRead(ILogger logger, Exception exception);
}
