using System.Data.Common;

namespace RolloutController.Store;

/// <summary>How a <see cref="NotificationAttempt"/> maps to a row of the <c>notification_attempts</c> table.</summary>
internal static class NotificationAttemptRow
{
    private const string Columns =
        "notification_id, flag_key, kind, route, channel, attempt, outcome, status_code, error, attempted_at";

    public const string InsertSql =
        $"INSERT INTO notification_attempts ({Columns}) VALUES (@notification_id, @flag_key, @kind, @route, @channel, " +
        "@attempt, @outcome, @status_code, @error, @attempted_at)";

    public const string PruneSql = "DELETE FROM notification_attempts WHERE attempted_at < @before";

    public const string NewestSql =
        $"SELECT {Columns} FROM notification_attempts WHERE flag_key = @flag_key ORDER BY attempted_at DESC, id DESC LIMIT @limit";

    public static void AddParameters(DbCommand command, SqlDialect dialect, NotificationAttempt attempt)
    {
        dialect.AddParameter(command, "notification_id", attempt.NotificationId);
        dialect.AddParameter(command, "flag_key", attempt.FlagKey);
        dialect.AddParameter(command, "kind", attempt.Kind);
        dialect.AddParameter(command, "route", attempt.Route);
        dialect.AddParameter(command, "channel", attempt.Channel);
        dialect.AddParameter(command, "attempt", attempt.Attempt);
        dialect.AddParameter(command, "outcome", attempt.Outcome);
        dialect.AddParameter(command, "status_code", attempt.StatusCode);
        dialect.AddParameter(command, "error", attempt.Error);
        dialect.AddParameter(command, "attempted_at", attempt.At);
    }

    public static NotificationAttempt Read(DbDataReader reader, SqlDialect dialect) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetInt32(5),
        reader.GetString(6),
        reader.IsDBNull(7) ? null : reader.GetInt32(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        dialect.GetTime(reader, 9));
}
