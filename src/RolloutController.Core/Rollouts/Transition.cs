namespace RolloutController.Rollouts;

/// <summary>One recorded move of a rollout: the audit trail entry, with who and why.</summary>
internal sealed record Transition(
    string FlagKey,
    RolloutTrigger Trigger,
    RolloutPhase From,
    RolloutPhase To,
    int FromStage,
    int ToStage,
    decimal FromWeight,
    decimal ToWeight,
    string Actor,
    string Reason,
    DateTimeOffset At);
