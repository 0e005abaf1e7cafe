namespace RolloutController.Api;

internal sealed record MeasurementView(string Guardrail, string Verdict, double? Value, string Threshold, string Detail, string Query, int Stage, decimal Weight, DateTimeOffset At);
