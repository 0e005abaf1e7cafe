namespace RolloutController.Api;

/// <summary>
/// One line of <c>GET /api/v1/rollouts</c>. Stage is 1-based; times are UTC; durations in seconds.
/// <see cref="HoldRemainingSeconds"/> is set while the rollout is live (observing, or paused: then it does not count down), null otherwise.
/// <see cref="NextRoundAt"/> is when the next measurement round is due (null when the rollout needs none);
/// <see cref="OverdueSeconds"/> is how far past one interval of grace the next round is (0 when on time): above 0, the
/// rollout's guardrails are not being checked on time.
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
    long Version,
    string? Owner = null,
    string? Type = null,
    DateTimeOffset? NextRoundAt = null,
    double OverdueSeconds = 0);
