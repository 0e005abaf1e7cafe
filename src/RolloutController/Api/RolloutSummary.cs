namespace RolloutController.Api;

/// <summary>
/// One line of <c>GET /api/v1/rollouts</c>. Stage is 1-based; times are UTC; durations in seconds.
/// <see cref="HoldRemainingSeconds"/> is set while the rollout is live (observing, or paused: then it does not count down), null otherwise.
/// <see cref="NextRoundAt"/> is when the next measurement round is due (null when the rollout needs none);
/// <see cref="OverdueSeconds"/> is how far past one interval of grace the next round is (0 when on time): above 0, the
/// rollout's guardrails are not being checked on time.
/// <see cref="ScheduledFor"/> is the policy's <c>startAt</c> while the rollout waits for it (null otherwise);
/// <see cref="Mode"/> is <c>live</c> or <c>dry-run</c> (a dry run never changes what is served: <see cref="Weight"/> is
/// then the weight it would serve, and <see cref="ServedWeight"/> what is served).
/// <see cref="NotStoredSince"/> is when the safety move shown (a rollback, an abort, a pause) was served while the store has
/// not taken it yet, null when what is shown is stored: list and detail show the same (<see cref="Engine.SeenRollouts"/>).
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
    double OverdueSeconds = 0,
    DateTimeOffset? ScheduledFor = null,
    string Mode = "live",
    decimal? ServedWeight = null,
    DateTimeOffset? NotStoredSince = null);
