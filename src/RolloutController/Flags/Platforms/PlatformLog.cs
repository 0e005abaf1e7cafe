namespace RolloutController.Flags.Platforms;

internal static partial class PlatformLog
{
    [LoggerMessage(3400, LogLevel.Information, "Flag {Flag} on {Provider}: confirmed, the platform serves {Served}")]
    public static partial void Confirmed(ILogger logger, string flag, string provider, PlatformFlagState served);

    [LoggerMessage(3401, LogLevel.Warning, "Flag {Flag} on {Provider}: {Failure}; trying again in {Wait}")]
    public static partial void Failed(ILogger logger, string flag, string provider, string failure, TimeSpan wait);

    [LoggerMessage(3402, LogLevel.Warning, "Flag {Flag} on {Provider} was changed by hand: {Change}; the controller writes nothing until a person decides")]
    public static partial void Drifted(ILogger logger, string flag, string provider, string change);

    [LoggerMessage(3403, LogLevel.Critical, "Flag {Flag} on {Provider}: the move to 0% is NOT applied since {Since}: {Failure}; retried until it is")]
    public static partial void RollbackNotApplied(ILogger logger, string flag, string provider, DateTimeOffset since, string failure);

    [LoggerMessage(3404, LogLevel.Warning, "Flag {Flag} on {Provider}: the move to 0% is applied now, after {Waited}")]
    public static partial void RollbackApplied(ILogger logger, string flag, string provider, TimeSpan waited);

    [LoggerMessage(3405, LogLevel.Error, "The flag platform pass failed; it runs again")]
    public static partial void PassFailed(ILogger logger, Exception exception);

    [LoggerMessage(3406, LogLevel.Warning, "Flag {Flag} on {Provider}: written, but the platform reads back {Served} instead of {Wanted}; trying again in {Wait}")]
    public static partial void NotConfirmed(ILogger logger, string flag, string provider, PlatformFlagState served, PlatformFlagState wanted, TimeSpan wait);
}
