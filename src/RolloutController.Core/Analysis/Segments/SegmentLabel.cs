namespace RolloutController.Analysis.Segments;

/// <summary>One Prometheus label of a segment, e.g. <c>plan="free"</c>.</summary>
internal readonly record struct SegmentLabel(string Name, string Value);
