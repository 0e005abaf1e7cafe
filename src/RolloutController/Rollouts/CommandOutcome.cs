namespace RolloutController.Rollouts;

/// <summary>
/// Result of an operator command: the state after it, or why it was refused (nothing changed). A safety command (pause,
/// abort) whose state is served but not stored yet has <see cref="Stored"/> false and says why in <see cref="Note"/>.
/// </summary>
internal sealed record CommandOutcome(RolloutState? State, string? Error, bool Stored = true, string? Note = null)
{
    public static CommandOutcome Done(RolloutState state) => new(state, null);

    public static CommandOutcome Pending(RolloutState state, string note) => new(state, null, Stored: false, note);

    public static CommandOutcome Refused(string error) => new(null, error);
}
