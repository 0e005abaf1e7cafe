namespace RolloutController.Notifications;

/// <summary>A segment a per-segment guardrail took out of the rollout, as a field receivers can route and filter on.</summary>
/// <param name="Guardrail">The guardrail that tripped for the segment.</param>
/// <param name="Segment">As label matchers, <c>plan="free"</c>.</param>
/// <param name="Labels">The same, label name to value.</param>
internal sealed record ExcludedSegmentReport(string Guardrail, string Segment, IReadOnlyDictionary<string, string> Labels);
