namespace RolloutController.Rollouts;

/// <summary>
/// The parameter every trigger of <see cref="RolloutStateMachine"/> carries: who moves the rollout and why, and for the
/// gated moves (advance, complete) the round they are judged on.
/// </summary>
/// <param name="Actor"><c>controller</c> or the name of the person (API token) who asked.</param>
/// <param name="Reason">Why, as recorded in the audit trail.</param>
/// <param name="Round">The evidence the gate's guards read; null for moves without a gate, and then a gated move is refused.</param>
internal sealed record MoveCause(string Actor, string Reason, RoundEvidence? Round = null);
