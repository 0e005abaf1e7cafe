namespace RolloutController.Api;

/// <summary>An audit entry. Stages are 1-based (0 = before the first stage).</summary>
internal sealed record TransitionView(string Trigger, string From, string To, int FromStage, int ToStage, decimal FromWeight, decimal ToWeight, string Actor, string Reason, DateTimeOffset At);
