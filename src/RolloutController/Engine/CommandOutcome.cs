using RolloutController.Rollouts;
namespace RolloutController.Engine;

/// <summary>
/// Result of an operator command: the state after it, or why it was refused (nothing changed). A safety command (pause,
/// abort) whose state is served but not stored yet has <see cref="Stored"/> false and says why in <see cref="Note"/>.
/// </summary>
/// <remarks><see cref="Unavailable"/>: refused because the store did not answer in time (nothing changed, or it may still apply).</remarks>
internal sealed record CommandOutcome(RolloutState? State, string? Error, bool Stored = true, string? Note = null, bool Unavailable = false)
{
    public static CommandOutcome StoreUnavailable(string error) => new(null, error, Unavailable: true);

    public static CommandOutcome Done(RolloutState state) => new(state, null);

    public static CommandOutcome Pending(RolloutState state, string note) => new(state, null, Stored: false, note);

    public static CommandOutcome Refused(string error) => new(null, error);
}
