using System.Data.Common;

namespace RolloutController.Store;

/// <summary>How an <see cref="OutboxDelivery"/> maps to a row of the <c>outbox</c> table.</summary>
internal static class OutboxRow
{
    public const string Columns =
        "notification_id, route, channel, flag_key, kind, severity, message, status, attempts, attempts_allowed, next_attempt_at, " +
        "last_error, created_at, updated_at";

    public const string InsertSql =
        $"INSERT INTO outbox ({Columns}) VALUES (@notification_id, @route, @channel, @flag_key, @kind, @severity, @message, @status, " +
        "@attempts, @attempts_allowed, @next_attempt_at, @last_error, @created_at, @updated_at) " +
        "ON CONFLICT (notification_id, route, channel) DO NOTHING";

    /// <summary>Records an attempt's result, only while the caller still holds the claim.</summary>
    public const string CompleteSql =
        "UPDATE outbox SET status = @status, attempts = @attempts, next_attempt_at = @next_attempt_at, last_error = @last_error, " +
        "updated_at = @updated_at, claimed_by = NULL, claimed_until = NULL " +
        "WHERE notification_id = @notification_id AND route = @route AND channel = @channel AND claimed_by = @owner";

    /// <summary>Claims the sent or abandoned deliveries of a channel type and kinds that nobody holds (<c>@kind0</c>… bound by the caller).</summary>
    public static string ClaimRepostsSql(int kindCount) =>
        "UPDATE outbox SET claimed_by = @owner, claimed_until = @until WHERE status IN ('delivered', 'abandoned') AND channel LIKE @channel AND kind IN (" +
        string.Join(", ", Enumerable.Range(0, kindCount).Select(i => $"@kind{i}")) +
        $") AND (claimed_until IS NULL OR claimed_until < @now) RETURNING {Columns}";

    public const string ReleaseAllSql = "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL";

    /// <summary>Held deliveries that are due and unclaimed, claimed for @owner until @until.</summary>
    public const string ClaimHeldSql =
        "UPDATE outbox SET claimed_by = @owner, claimed_until = @until WHERE status = 'held' AND next_attempt_at <= @now " +
        $"AND (claimed_until IS NULL OR claimed_until < @now) RETURNING {Columns}";

    public const string RetrySql =
        "UPDATE outbox SET status = 'pending', attempts_allowed = attempts + @extra, next_attempt_at = @now, updated_at = @now, " +
        "claimed_by = NULL, claimed_until = NULL WHERE status = 'abandoned'";

    public const string ListSql = $"SELECT {Columns} FROM outbox";

    public const string PruneSql = "DELETE FROM outbox WHERE status <> 'pending' AND updated_at < @before";

    public static void AddParameters(DbCommand command, SqlDialect dialect, OutboxDelivery d)
    {
        AddKey(command, dialect, d);
        dialect.AddParameter(command, "flag_key", d.FlagKey);
        dialect.AddParameter(command, "kind", d.Kind);
        dialect.AddParameter(command, "severity", d.Severity);
        dialect.AddJsonParameter(command, "message", d.MessageJson);
        dialect.AddParameter(command, "created_at", d.CreatedAt);
        AddProgress(command, dialect, d);
        dialect.AddParameter(command, "attempts_allowed", d.AttemptsAllowed);
    }

    public static void AddKey(DbCommand command, SqlDialect dialect, OutboxDelivery d)
    {
        dialect.AddParameter(command, "notification_id", d.NotificationId);
        dialect.AddParameter(command, "route", d.Route);
        dialect.AddParameter(command, "channel", d.Channel);
    }

    public static void AddProgress(DbCommand command, SqlDialect dialect, OutboxDelivery d)
    {
        dialect.AddParameter(command, "status", d.Status);
        dialect.AddParameter(command, "attempts", d.Attempts);
        dialect.AddParameter(command, "next_attempt_at", d.NextAttemptAt);
        dialect.AddParameter(command, "last_error", d.LastError);
        dialect.AddParameter(command, "updated_at", d.UpdatedAt);
    }

    public static OutboxDelivery Read(DbDataReader reader, SqlDialect dialect) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetInt32(8),
        reader.GetInt32(9),
        dialect.GetTime(reader, 10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        dialect.GetTime(reader, 12),
        dialect.GetTime(reader, 13));
}
