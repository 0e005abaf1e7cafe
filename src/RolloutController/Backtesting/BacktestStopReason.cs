namespace RolloutController.Backtesting;

/// <summary>Why the replay ended.</summary>
internal enum BacktestStopReason
{
    /// <summary>Rounds reached the end of the range with the rollout still live (observing or paused).</summary>
    EndOfRange,

    /// <summary>The rollout served its last stage's hold.</summary>
    Completed,

    /// <summary>A guardrail tripped and the flag went to 0%.</summary>
    RolledBack,
}
