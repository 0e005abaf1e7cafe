namespace RolloutController.Store.Migrations;

/// <summary>
/// The notification outbox: one row per notice and channel, written in the same transaction as the transition that
/// raised the notice, claimed by one replica at a time (a lease), kept after delivery or abandonment until retention.
/// </summary>
internal static class M0003Outbox
{
    public static Migration Migration { get; } = new(3, "notification outbox", Sqlite, Postgres);

    private const string Sqlite =
        """
        CREATE TABLE outbox (
            notification_id  TEXT    NOT NULL,
            route            TEXT    NOT NULL,
            channel          TEXT    NOT NULL,
            flag_key         TEXT    NOT NULL,
            kind             TEXT    NOT NULL,
            severity         TEXT    NOT NULL,
            message          TEXT    NOT NULL,
            status           TEXT    NOT NULL,
            attempts         INTEGER NOT NULL,
            attempts_allowed INTEGER NOT NULL,
            next_attempt_at  TEXT    NOT NULL,
            last_error       TEXT    NULL,
            created_at       TEXT    NOT NULL,
            updated_at       TEXT    NOT NULL,
            claimed_by       TEXT    NULL,
            claimed_until    TEXT    NULL,
            PRIMARY KEY (notification_id, route, channel)
        );
        CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
        CREATE INDEX ix_outbox_flag_newest ON outbox (flag_key, created_at DESC);
        """;

    private const string Postgres =
        """
        CREATE TABLE outbox (
            notification_id  text        NOT NULL,
            route            text        NOT NULL,
            channel          text        NOT NULL,
            flag_key         text        NOT NULL,
            kind             text        NOT NULL,
            severity         text        NOT NULL,
            message          jsonb       NOT NULL,
            status           text        NOT NULL,
            attempts         integer     NOT NULL,
            attempts_allowed integer     NOT NULL,
            next_attempt_at  timestamptz NOT NULL,
            last_error       text        NULL,
            created_at       timestamptz NOT NULL,
            updated_at       timestamptz NOT NULL,
            claimed_by       text        NULL,
            claimed_until    timestamptz NULL,
            PRIMARY KEY (notification_id, route, channel)
        );
        CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);
        CREATE INDEX ix_outbox_flag_newest ON outbox (flag_key, created_at DESC);
        """;
}
