namespace RolloutController.Rollouts;

/// <summary>Consecutive failing measurements of one guardrail, and when the run of failures began.</summary>
internal sealed record GuardrailStreak(int Failures, DateTimeOffset? FailingSince)
{
    public static GuardrailStreak None { get; } = new(0, null);
}
