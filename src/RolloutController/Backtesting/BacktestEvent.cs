using RolloutController.Rollouts;

namespace RolloutController.Backtesting;

/// <summary>One decision the controller would have taken: a timeline entry of the replay.</summary>
/// <param name="At">Time of the round (or of the start) that took it.</param>
/// <param name="Event">What happened: start, advance, complete, rollback or pause.</param>
/// <param name="FromStage">1-based stage before; 0 before the first stage.</param>
/// <param name="ToStage">1-based stage after.</param>
/// <param name="FromWeight">Percentage served "on" before.</param>
/// <param name="ToWeight">Percentage served "on" after.</param>
/// <param name="Reason">Why, as the controller would have recorded it.</param>
/// <param name="Breaches">For a rollback, the guardrails that tripped; otherwise empty.</param>
/// <param name="Readings">Every guardrail's measurement in that round; empty for the start.</param>
internal sealed record BacktestEvent(
    DateTimeOffset At,
    RolloutTrigger Event,
    RolloutPhase FromPhase,
    RolloutPhase ToPhase,
    int FromStage,
    int ToStage,
    decimal FromWeight,
    decimal ToWeight,
    string Reason,
    IReadOnlyList<BacktestBreach> Breaches,
    IReadOnlyList<BacktestReading> Readings);
