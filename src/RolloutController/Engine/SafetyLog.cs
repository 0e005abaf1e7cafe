using RolloutController.Rollouts;
namespace RolloutController.Engine;

internal static partial class SafetyLog
{
    [LoggerMessage(10, LogLevel.Warning, "Rollout {Flag}: {Moves} served now but not stored within {Grace}; kept in the local journal and stored as soon as the store answers")]
    public static partial void NotStoredYet(ILogger logger, string flag, string moves, TimeSpan grace);

    [LoggerMessage(11, LogLevel.Information, "Rollout {Flag}: safety move stored after {Waited}")]
    public static partial void Stored(ILogger logger, string flag, TimeSpan waited);

    [LoggerMessage(12, LogLevel.Critical, "Rollout {Flag}: could not write the safety journal; the move is served and retried while this process runs, but would not survive a restart")]
    public static partial void JournalFailed(ILogger logger, Exception exception, string flag);

    [LoggerMessage(13, LogLevel.Warning, "Rollout {Flag}: serving {Phase} again from the safety journal (decided {At}, not stored before the restart); storing it now")]
    public static partial void Recovered(ILogger logger, string flag, RolloutPhase phase, DateTimeOffset at);

    [LoggerMessage(14, LogLevel.Critical, "Rollout {Flag}: a safety move served since {Since} is still not stored ({Waited}, more than one interval); on-call is told")]
    public static partial void StillNotStored(ILogger logger, string flag, DateTimeOffset since, TimeSpan waited);

    [LoggerMessage(15, LogLevel.Error, "Could not read the safety journal {Path}; moves it held before the restart are not served again")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception, string path);

    [LoggerMessage(16, LogLevel.Warning, "Safety journal {Path}: skipped {Count} unreadable line(s) (a write torn by a crash)")]
    public static partial void SkippedLines(ILogger logger, string path, int count);

    [LoggerMessage(17, LogLevel.Error, "Storing the pending safety moves failed unexpectedly; trying again in a second")]
    public static partial void PassFailed(ILogger logger, Exception exception);
}
