using RolloutController.Rollouts;

namespace RolloutController.Rollouts;

/// <summary>Result of an operator command: the stored state after it, or why it was refused.</summary>
internal sealed record CommandOutcome(RolloutState? State, string? Error)
{
    public static CommandOutcome Done(RolloutState state) => new(state, null);

    public static CommandOutcome Refused(string error) => new(null, error);
}
