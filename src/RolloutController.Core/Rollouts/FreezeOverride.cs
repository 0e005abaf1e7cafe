namespace RolloutController.Rollouts;

/// <summary>
/// A release manager's leave for one policy's rollout to advance while a controller-wide freeze is in force
/// (<see cref="FreezeOverrideRule"/>).
/// </summary>
/// <param name="Revision">The policy revision it was given for (the file's content hash); a changed policy needs it again.</param>
internal sealed record FreezeOverride(string Actor, string Reason, string? Revision, DateTimeOffset At);
