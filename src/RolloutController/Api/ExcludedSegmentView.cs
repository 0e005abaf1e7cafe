namespace RolloutController.Api;

/// <summary>A segment a per-segment guardrail took out of the rollout, as the API and <c>rolloutctl status</c> show it.</summary>
/// <param name="Segment">Label matchers, e.g. <c>plan="free"</c>: contexts whose attributes match are served off.</param>
/// <param name="Guardrail">The guardrail that tripped for it.</param>
/// <param name="Stage">The stage (from 1) the breach happened in.</param>
/// <param name="Reason">The failing measurement's detail.</param>
/// <param name="At">Since when it is served off.</param>
internal sealed record ExcludedSegmentView(string Segment, string Guardrail, int Stage, string Reason, DateTimeOffset At);
