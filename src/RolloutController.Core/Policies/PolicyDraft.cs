namespace RolloutController.Policies;

/// <summary>
/// What was read from one document: the policy when the document itself is valid, and its identifying values
/// (when readable) so duplicates across documents can be reported even for documents with other problems.
/// </summary>
internal sealed record PolicyDraft(RolloutPolicy? Policy, Located? Name, Located? FlagKey);
