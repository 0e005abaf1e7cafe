using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace RolloutController.Audit;

/// <summary>
/// The audit log's hash chain. Each entry's hash is SHA-256 over its place, its content and the previous entry's hash,
/// so changing, deleting or reordering an entry breaks the chain at that entry. Pure.
/// </summary>
internal static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    /// <summary>Lower-case hex SHA-256 of the canonical form: a JSON array of every field, times as UTC to the microsecond.</summary>
    public static string Hash(long seq, AuditEntry entry, string previousHash)
    {
        var canonical = JsonSerializer.Serialize(new object?[]
        {
            seq, Time(entry.At), entry.Actor, entry.Role, entry.Action, entry.Subject, entry.Reason,
            entry.Before, entry.After, entry.Details, previousHash,
        });
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>The record <paramref name="entry"/> becomes when appended after <paramref name="last"/> (null: the log is empty).</summary>
    public static AuditRecord Append(AuditRecord? last, AuditEntry entry)
    {
        var seq = (last?.Seq ?? 0) + 1;
        var previous = last?.Hash ?? Genesis;
        return new AuditRecord(seq, entry with { At = Microseconds(entry.At) }, previous, Hash(seq, entry with { At = Microseconds(entry.At) }, previous));
    }

    /// <summary>
    /// The first broken link after <paramref name="previous"/> (null: <paramref name="record"/> should be the first
    /// entry), or null when <paramref name="record"/> follows it intact. Checked in this order: a gap in the numbering
    /// (deleted), a previous hash that is not the previous entry's (reordered or replaced), a hash that does not match the
    /// content (modified).
    /// </summary>
    public static AuditBreak? Check(AuditRecord? previous, AuditRecord record)
    {
        var expected = (previous?.Seq ?? 0) + 1;
        if (record.Seq != expected)
            return new(expected, record.Seq > expected
                ? $"entry {expected} is missing: the chain goes from {expected - 1} to {record.Seq} (deleted)"
                : $"entry {record.Seq} comes after {expected - 1} (out of order)");
        if (record.PreviousHash != (previous?.Hash ?? Genesis))
            return new(record.Seq, $"entry {record.Seq} does not link to entry {record.Seq - 1}: its previous hash is not that entry's hash (reordered or replaced)");
        if (record.Hash != Hash(record.Seq, record.Entry, record.PreviousHash))
            return new(record.Seq, $"entry {record.Seq} was modified: its content does not match its hash");
        return null;
    }

    private static DateTimeOffset Microseconds(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMicrosecond, TimeSpan.Zero);

    private static string Time(DateTimeOffset time) =>
        Microseconds(time).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
