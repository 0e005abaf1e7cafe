using RolloutController.Policies;

namespace RolloutController.Backtesting;

/// <summary>What the controller would have decided, replaying one policy against a period of metrics history.</summary>
/// <param name="Policy">Policy name (metadata.name).</param>
/// <param name="Flag">Flag key.</param>
/// <param name="Source">Policy file.</param>
/// <param name="Revision">Content hash of the policy document.</param>
/// <param name="From">Start of the replay.</param>
/// <param name="To">End of the replay.</param>
/// <param name="Interval">Time between rounds.</param>
/// <param name="Plan">The policy's stages.</param>
/// <param name="Timeline">Every decision, oldest first.</param>
/// <param name="Summary">How it ended.</param>
internal sealed record BacktestReport(
    string Policy,
    string Flag,
    string Source,
    string Revision,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Interval,
    IReadOnlyList<StageSpec> Plan,
    IReadOnlyList<BacktestEvent> Timeline,
    BacktestSummary Summary);
