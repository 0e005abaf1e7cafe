using System.Data.Common;
using RolloutController.Audit;

namespace RolloutController.Store;

/// <summary>How an <see cref="AuditRecord"/> maps to a row of the append-only <c>audit_log</c> table.</summary>
internal static class AuditRow
{
    private const string Columns =
        "seq, occurred_at, actor, role, action, subject, reason, before_state, after_state, details, previous_hash, hash";

    public const string InsertSql =
        $"INSERT INTO audit_log ({Columns}) VALUES (@seq, @occurred_at, @actor, @role, @action, @subject, @reason, " +
        "@before_state, @after_state, @details, @previous_hash, @hash)";

    public const string LastSql = $"SELECT {Columns} FROM audit_log ORDER BY seq DESC LIMIT 1";

    /// <summary>The newest entry of <c>@subject</c> and <c>@action</c>.</summary>
    public const string LastOfSql = $"SELECT {Columns} FROM audit_log WHERE subject = @subject AND action = @action ORDER BY seq DESC LIMIT 1";

    /// <summary>Entries after <c>@after</c> (a seq) from <c>@since</c> on, oldest first, at most <c>@limit</c>.</summary>
    public const string PageSql = $"SELECT {Columns} FROM audit_log WHERE seq > @after AND occurred_at >= @since ORDER BY seq LIMIT @limit";

    public static void AddParameters(DbCommand command, SqlDialect dialect, AuditRecord record)
    {
        var e = record.Entry;
        dialect.AddParameter(command, "seq", record.Seq);
        dialect.AddParameter(command, "occurred_at", e.At);
        dialect.AddParameter(command, "actor", e.Actor);
        dialect.AddParameter(command, "role", e.Role);
        dialect.AddParameter(command, "action", e.Action);
        dialect.AddParameter(command, "subject", e.Subject);
        dialect.AddParameter(command, "reason", e.Reason);
        dialect.AddParameter(command, "before_state", e.Before);
        dialect.AddParameter(command, "after_state", e.After);
        dialect.AddParameter(command, "details", e.Details);
        dialect.AddParameter(command, "previous_hash", record.PreviousHash);
        dialect.AddParameter(command, "hash", record.Hash);
    }

    public static AuditRecord Read(DbDataReader reader, SqlDialect dialect) => new(
        reader.GetInt64(0),
        new AuditEntry(
            dialect.GetTime(reader, 1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.IsDBNull(9) ? null : reader.GetString(9)),
        reader.GetString(10),
        reader.GetString(11));
}
