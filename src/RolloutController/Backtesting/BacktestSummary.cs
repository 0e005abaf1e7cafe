using RolloutController.Rollouts;

namespace RolloutController.Backtesting;

/// <summary>Where the replayed rollout ended up, and how its measurements went.</summary>
/// <param name="StoppedBecause">Why the replay ended.</param>
/// <param name="LastRoundAt">Time of the last round taken.</param>
/// <param name="Phase">Final phase.</param>
/// <param name="Stage">Final 1-based stage.</param>
/// <param name="Stages">Number of stages in the plan.</param>
/// <param name="Weight">Final percentage served "on" (0 after a rollback).</param>
/// <param name="HoldServed">Hold served in the final stage at the last round.</param>
/// <param name="PauseReason">Why the rollout was paused, when it ended paused.</param>
/// <param name="Rounds">Measurement rounds taken.</param>
/// <param name="ErrorRounds">Rounds in which at least one query failed (Prometheus unreachable, bad query, …).</param>
/// <param name="NoDataRounds">Rounds in which at least one guardrail had no data.</param>
/// <param name="FirstError">The first failed query's message, when any failed.</param>
/// <param name="Guardrails">Verdict counts per guardrail, in policy order.</param>
internal sealed record BacktestSummary(
    BacktestStopReason StoppedBecause,
    DateTimeOffset LastRoundAt,
    RolloutPhase Phase,
    int Stage,
    int Stages,
    decimal Weight,
    TimeSpan HoldServed,
    string? PauseReason,
    int Rounds,
    int ErrorRounds,
    int NoDataRounds,
    string? FirstError,
    IReadOnlyList<GuardrailTally> Guardrails);
