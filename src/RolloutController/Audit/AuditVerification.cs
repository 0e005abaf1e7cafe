namespace RolloutController.Audit;

/// <summary>
/// The outcome of checking the whole chain: how many entries were read, the last intact entry's hash (record it
/// elsewhere to detect a truncated tail later), and the first broken link, if any.
/// </summary>
internal sealed record AuditVerification(bool Intact, long Entries, long LastIntact, string HeadHash, long? BrokenAt, string? Problem);
