namespace RolloutController.Store.Migrations;

/// <summary>
/// The hash-chained audit log: one row per change, numbered from 1 without gaps, each holding the previous row's hash
/// and its own. Never pruned.
/// </summary>
internal static class M0004AuditLog
{
    public static Migration Migration { get; } = new(4, "audit log", Sqlite, Postgres);

    private const string Sqlite =
        """
        CREATE TABLE audit_log (
            seq           INTEGER NOT NULL PRIMARY KEY,
            occurred_at   TEXT    NOT NULL,
            actor         TEXT    NOT NULL,
            role          TEXT    NOT NULL,
            action        TEXT    NOT NULL,
            subject       TEXT    NOT NULL,
            reason        TEXT    NOT NULL,
            before_state  TEXT    NULL,
            after_state   TEXT    NULL,
            details       TEXT    NULL,
            previous_hash TEXT    NOT NULL,
            hash          TEXT    NOT NULL
        );
        CREATE INDEX ix_audit_log_time ON audit_log (occurred_at);
        CREATE INDEX ix_audit_log_subject ON audit_log (subject, action, seq DESC);
        """;

    private const string Postgres =
        """
        CREATE TABLE audit_log (
            seq           bigint      NOT NULL PRIMARY KEY,
            occurred_at   timestamptz NOT NULL,
            actor         text        NOT NULL,
            role          text        NOT NULL,
            action        text        NOT NULL,
            subject       text        NOT NULL,
            reason        text        NOT NULL,
            before_state  text        NULL,
            after_state   text        NULL,
            details       text        NULL,
            previous_hash text        NOT NULL,
            hash          text        NOT NULL
        );
        CREATE INDEX ix_audit_log_time ON audit_log (occurred_at);
        CREATE INDEX ix_audit_log_subject ON audit_log (subject, action, seq DESC);
        """;
}
