using RolloutController.Analysis.Segments;

namespace RolloutController.Rollouts;

/// <summary>A segment a per-segment guardrail took out of the rollout: the flag is served off to it from <see cref="At"/> on.</summary>
/// <param name="Guardrail">The guardrail that tripped for the segment.</param>
/// <param name="Segment">The label values, e.g. <c>plan=free</c>.</param>
/// <param name="StageIndex">The stage the breach happened in.</param>
/// <param name="Reason">The failing measurement's detail.</param>
internal sealed record ExcludedSegment(string Guardrail, Segment Segment, int StageIndex, string Reason, DateTimeOffset At);
