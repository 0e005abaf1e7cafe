namespace RolloutController.Audit;

/// <summary>The first broken link of the audit chain: the entry where it breaks and what is wrong there.</summary>
internal sealed record AuditBreak(long Seq, string Problem);
