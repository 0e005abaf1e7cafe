using RolloutController.Analysis;

namespace RolloutController.Backtesting;

/// <summary>One guardrail's measurement in the round that caused a timeline event.</summary>
/// <param name="Value">Observed value, when there was one.</param>
/// <param name="Threshold">Human-readable bound, e.g. "max 0.01".</param>
/// <param name="Detail">Why the verdict is what it is, e.g. "0.167 is above max 0.01".</param>
internal sealed record BacktestReading(string Guardrail, Verdict Verdict, double? Value, string Threshold, string Detail)
{
    public static BacktestReading Of(Measurement m) => new(m.Guardrail, m.Verdict, m.Value, m.Threshold, m.Detail);
}
