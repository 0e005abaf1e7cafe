namespace RolloutController.Dashboard;

/// <summary>One line of the dashboard's list: a flag, and its rollout when a policy drives it.</summary>
/// <param name="Phase">The rollout's phase; null for a flag no policy ramps (served as declared).</param>
/// <param name="Stage">1-based; 0 before the first stage.</param>
/// <param name="HoldLeftSeconds">Hold left while the rollout is live; null otherwise.</param>
/// <param name="Review">When the flag is due for review (<c>metadata.removal.reviewBy</c>); null when none is set.</param>
/// <param name="Late">The rollout's rounds are overdue: its guardrails are not being checked on time.</param>
internal sealed record FlagRow(
    string Flag,
    string? Phase,
    int Stage,
    int Stages,
    decimal Weight,
    double? HoldLeftSeconds,
    string Owner,
    string Type,
    DateOnly? Review,
    bool Late,
    string? PauseReason);
