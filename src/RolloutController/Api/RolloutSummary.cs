namespace RolloutController.Api;

/// <summary>
/// One line of <c>GET /api/v1/rollouts</c>. Stage is 1-based; times are UTC; durations in seconds.
/// <see cref="HoldRemainingSeconds"/> is set while the rollout is live (observing, or paused: then it does not count down), null otherwise.
/// </summary>
internal sealed record RolloutSummary(
    string Flag,
    string Policy,
    string Phase,
    int Stage,
    int Stages,
    decimal Weight,
    double? HoldRemainingSeconds,
    string? PauseReason,
    DateTimeOffset? StageStartedAt,
    DateTimeOffset? LastMeasuredAt,
    DateTimeOffset UpdatedAt,
    long Version);
