using RolloutController.Rollouts;

namespace RolloutController.DecisionHarness;

/// <summary>How one simulated rollout ended under one policy. Times are hours since the rollout started.</summary>
/// <param name="Phase">Completed, RolledBack, Paused (still paused one stage hold after the pause) or Observing (not finished by the horizon).</param>
/// <param name="EndHours">When the run ended.</param>
/// <param name="HarmStartHours">When the harmed stage began; null for A/A or when the rollout never reached it.</param>
/// <param name="RollbackHours">When the decider rolled it back; null if it did not.</param>
/// <param name="RollbackStage">Stage index it was rolled back from.</param>
/// <param name="RollbackCause">The guardrails that tripped (or the limit reached), as the decider recorded it.</param>
/// <param name="SrmPauseHours">When the decider paused it for a sample-ratio mismatch.</param>
/// <param name="SrmPauseAt">The stage it was paused in for the mismatch, and how far into that stage.</param>
/// <param name="LimitPauseHours">When the decider paused it for an error, no-data or inconclusive limit.</param>
/// <param name="PauseReason">The decider's reason for either pause.</param>
internal sealed record RunOutcome(
    RolloutPhase Phase,
    double EndHours,
    double? HarmStartHours,
    double? RollbackHours,
    int? RollbackStage,
    string? RollbackCause,
    double? SrmPauseHours,
    StagePoint? SrmPauseAt,
    double? LimitPauseHours,
    string? PauseReason);
