namespace RolloutController.Flags.Switches;

internal static partial class KillSwitchLog
{
    [LoggerMessage(5400, LogLevel.Warning, "Flag {FlagKey} switched off by {Actor}: {Reason}")]
    public static partial void SwitchedOff(ILogger logger, string flagKey, string actor, string reason);

    [LoggerMessage(5401, LogLevel.Information, "Flag {FlagKey} switched on by {Actor}: {Reason}")]
    public static partial void SwitchedOn(ILogger logger, string flagKey, string actor, string reason);

    [LoggerMessage(5402, LogLevel.Warning, "Flag {FlagKey} is switched off and served so, but the store has not taken it within {Grace}; it is kept in {Journal} and stored as soon as the store answers")]
    public static partial void NotStoredYet(ILogger logger, string flagKey, TimeSpan grace, string journal);

    [LoggerMessage(5403, LogLevel.Information, "The switch-off of flag {FlagKey} is stored, {Waited} after it was served")]
    public static partial void StoredLate(ILogger logger, string flagKey, TimeSpan waited);

    [LoggerMessage(5404, LogLevel.Error, "Could not write the kill switch journal {Journal}; switch-offs not stored yet are still served and retried, but would not survive a restart")]
    public static partial void JournalFailed(ILogger logger, Exception exception, string journal);

    [LoggerMessage(5405, LogLevel.Warning, "Serving again the switch-off of flag {FlagKey} from the journal: it was not stored before the controller stopped")]
    public static partial void Recovered(ILogger logger, string flagKey);

    [LoggerMessage(5406, LogLevel.Warning, "Could not read the flag kill switches from the store; trying again in {RetryIn}")]
    public static partial void LoadFailed(ILogger logger, Exception exception, TimeSpan retryIn);

    [LoggerMessage(5407, LogLevel.Information, "Round of {FlagKey} held: the flag is switched off, so its rollout does not advance")]
    public static partial void RampHeld(ILogger logger, string flagKey);

    [LoggerMessage(5408, LogLevel.Error, "Could not read the kill switch journal {Journal}; switch-offs it may hold are not served again")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception, string journal);
}
