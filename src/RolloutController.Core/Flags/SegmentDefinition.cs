using System.Collections.Frozen;
using RolloutController.Policies;

namespace RolloutController.Flags;

/// <summary>
/// A validated <c>kind: Segment</c>: a named set of contexts, reused by many flags' rules. A context is in it when its
/// targeting key is listed in <see cref="Keys"/>, or when it meets every condition of <see cref="When"/> (if any).
/// </summary>
internal sealed record SegmentDefinition(
    string Name,
    string Owner,
    string Reason,
    Condition[] When,
    FrozenSet<string> Keys,
    string Source,
    string Revision,
    Located NameAt);
