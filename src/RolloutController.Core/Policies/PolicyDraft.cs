using RolloutController.Flags;

namespace RolloutController.Policies;

/// <summary>
/// What was read from one document: the policy, flag or segment when the document itself is valid, and its identifying
/// values (when readable) so duplicates across documents can be reported even for documents with other problems.
/// </summary>
/// <param name="Kind">The document's kind as written (<c>RolloutPolicy</c>, <c>Flag</c>, <c>Segment</c>); names and keys are unique per kind.</param>
internal sealed record PolicyDraft(
    RolloutPolicy? Policy,
    Located? Name,
    Located? FlagKey,
    string Kind = PolicyPatterns.Kind,
    FlagDefinition? Flag = null,
    SegmentDefinition? Segment = null);
