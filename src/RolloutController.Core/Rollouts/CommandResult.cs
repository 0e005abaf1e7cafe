namespace RolloutController.Rollouts;

/// <summary>Either the decision a command leads to, or why it was refused (nothing changes then).</summary>
internal sealed record CommandResult(Decision? Decision, string? Error)
{
    public static CommandResult Ok(Decision decision) => new(decision, null);

    public static CommandResult Refused(string error) => new(null, error);
}
