namespace RolloutController.Store.Migrations;

/// <summary>
/// The last lifecycle reminder of each kind sent for each flag (<c>review_due</c>, <c>remove_from_code</c>): the date it
/// was about, when it was sent, and how many were sent (the version a replica stores the next one over, so a restart or
/// a second replica never sends one twice). Stored in the transaction that puts the reminder's notices in the outbox.
/// </summary>
internal static class M0008ReviewReminders
{
    public static Migration Migration { get; } = new(8, "review reminders", Sqlite, Postgres);

    private const string Sqlite =
        """
        CREATE TABLE review_reminders (
            flag_key TEXT    NOT NULL,
            kind     TEXT    NOT NULL,
            due      TEXT    NOT NULL,
            sent_at  TEXT    NOT NULL,
            sent     INTEGER NOT NULL,
            PRIMARY KEY (flag_key, kind)
        );
        """;

    private const string Postgres =
        """
        CREATE TABLE review_reminders (
            flag_key text        NOT NULL,
            kind     text        NOT NULL,
            due      text        NOT NULL,
            sent_at  timestamptz NOT NULL,
            sent     bigint      NOT NULL,
            PRIMARY KEY (flag_key, kind)
        );
        """;
}
