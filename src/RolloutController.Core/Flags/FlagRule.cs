namespace RolloutController.Flags;

/// <summary>A targeting rule: when the context meets every condition (and is in the segment, if one is named), serve the variant.</summary>
/// <param name="Name">Optional, for people (<c>staff</c>).</param>
/// <param name="When">Conditions that must all hold; empty when the rule names only a segment.</param>
/// <param name="Segment">A <c>kind: Segment</c> name, or null.</param>
/// <param name="Variant">Index of the served variant in <see cref="FlagDefinition.Variants"/>.</param>
/// <param name="SegmentAt">Where the segment was named, for cross-document problems.</param>
internal sealed record FlagRule(string? Name, Condition[] When, string? Segment, int Variant, Policies.Located? SegmentAt = null);
