namespace RolloutController.Lifecycle;

/// <summary>The last review decision: <c>delete</c>, <c>extend</c> (with <paramref name="Until"/>) or <c>promote-to-ops</c>.</summary>
internal sealed record ReviewDecisionView(string Verdict, DateOnly? Until, DateTimeOffset At, string Actor);
