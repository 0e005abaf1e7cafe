namespace RolloutController.Rollouts;

/// <summary>
/// One recorded move of a rollout: the audit trail entry, with who and why. <c>Role</c> is the grant a person acted under
/// (<c>operator</c>, <c>release-manager@team-payments</c>), recorded in the audit log; null for the controller's own moves.
/// </summary>
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
    DateTimeOffset At,
    string? Role = null);
