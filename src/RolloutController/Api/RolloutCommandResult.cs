namespace RolloutController.Api;

/// <summary>The kinds of <see cref="RolloutCommandRun"/>.</summary>
internal enum RolloutCommandResult
{
    Done,
    NotStored,
    Refused,
    Unavailable,
    Conflict,
}
