namespace RolloutController.Api;

/// <param name="ManualGate">The stage is left only once a person approves it (<c>gate: manual</c>).</param>
/// <param name="ApprovalsBefore">Distinct approvals needed before the stage is entered (<c>approvals.before</c>); 0: none.</param>
internal sealed record StageView(int Stage, decimal Weight, double HoldSeconds, bool ManualGate = false, int ApprovalsBefore = 0);
