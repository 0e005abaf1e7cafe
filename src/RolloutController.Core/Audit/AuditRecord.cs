namespace RolloutController.Audit;

/// <summary>An entry as stored: its place in the chain (<paramref name="Seq"/>, from 1), the previous entry's hash and its own.</summary>
internal sealed record AuditRecord(long Seq, AuditEntry Entry, string PreviousHash, string Hash);
