namespace RolloutController.Audit;

/// <summary>An audit entry as the API and <c>rolloutctl audit export</c> (one JSON object per line) show it.</summary>
internal sealed record AuditEntryView(
    long Seq, DateTimeOffset At, string Actor, string Role, string Action, string Subject, string Reason,
    string? Before, string? After, string? Details, string PreviousHash, string Hash)
{
    public static AuditEntryView Of(AuditRecord r) => new(r.Seq, r.Entry.At, r.Entry.Actor, r.Entry.Role, r.Entry.Action, r.Entry.Subject,
        r.Entry.Reason, r.Entry.Before, r.Entry.After, r.Entry.Details, r.PreviousHash, r.Hash);
}
