using System.Data.Common;
using System.Globalization;
using RolloutController.Lifecycle;

namespace RolloutController.Store;

/// <summary>How a <see cref="ReviewReminder"/> maps to a row of <c>review_reminders</c>.</summary>
internal static class ReminderRow
{
    private const string Columns = "flag_key, kind, due, sent_at, sent";

    public const string SelectSql = $"SELECT {Columns} FROM review_reminders ORDER BY flag_key, kind";

    // The first of a kind inserts (a lost race inserts nothing); later ones update only the count they were decided on.
    public const string InsertSql =
        $"INSERT INTO review_reminders ({Columns}) VALUES (@flag_key, @kind, @due, @sent_at, @sent) ON CONFLICT (flag_key, kind) DO NOTHING";

    public const string UpdateSql =
        "UPDATE review_reminders SET due = @due, sent_at = @sent_at, sent = @sent " +
        "WHERE flag_key = @flag_key AND kind = @kind AND sent = @expected_sent";

    /// <summary>The kind as stored: <c>review_due</c>, <c>remove_from_code</c>.</summary>
    public static string Kind(ReminderKind kind) => kind == ReminderKind.ReviewDue ? "review_due" : "remove_from_code";

    public static void AddParameters(DbCommand command, SqlDialect dialect, ReviewReminder reminder)
    {
        dialect.AddParameter(command, "flag_key", reminder.FlagKey);
        dialect.AddParameter(command, "kind", Kind(reminder.Kind));
        dialect.AddParameter(command, "due", reminder.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        dialect.AddParameter(command, "sent_at", reminder.SentAt);
        dialect.AddParameter(command, "sent", reminder.Sent);
        dialect.AddParameter(command, "expected_sent", reminder.Sent - 1);
    }

    public static ReviewReminder Read(DbDataReader reader, SqlDialect dialect) =>
        new(reader.GetString(0),
            reader.GetString(1) switch
            {
                "review_due" => ReminderKind.ReviewDue,
                "remove_from_code" => ReminderKind.RemoveFromCode,
                var other => throw new FormatException($"unknown reminder kind '{other}'"),
            },
            DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            dialect.GetTime(reader, 3),
            reader.GetInt64(4));

    /// <summary>The reminder exactly as <see cref="Read"/> returns it once stored (times to whole microseconds, UTC).</summary>
    public static ReviewReminder AsStored(ReviewReminder reminder) => reminder with { SentAt = StoredTime.Normalize(reminder.SentAt) };
}
