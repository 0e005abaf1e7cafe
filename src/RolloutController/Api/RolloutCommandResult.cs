namespace RolloutController.Api;

/// <summary>The kinds of <see cref="RolloutCommandRun"/>.</summary>
internal enum RolloutCommandResult
{
    Done,
    NotStored,
    Refused,
    Unavailable,
    Conflict,

    /// <summary>The flag's platform could not be read for an adopt: nothing changed.</summary>
    PlatformUnavailable,
}
