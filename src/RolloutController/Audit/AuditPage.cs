namespace RolloutController.Audit;

/// <summary>A page of the audit log, oldest first; <paramref name="Next"/> is the <c>after</c> of the next page, null at the end.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditEntryView> Entries, long? Next);
