namespace RolloutController.Dashboard;

/// <summary>One measured value of a guardrail: when, what, the verdict, and the segment it judged (null: all traffic).</summary>
internal sealed record ChartPoint(DateTimeOffset At, double Value, string Verdict, string? Segment);
