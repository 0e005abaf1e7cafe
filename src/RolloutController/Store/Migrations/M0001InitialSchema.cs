namespace RolloutController.Store.Migrations;

/// <summary>Rollouts, the transition audit trail, measurements and notification attempts.</summary>
internal static class M0001InitialSchema
{
    public static Migration Migration { get; } = new(1, "initial schema", Sqlite, Postgres);

    private const string Sqlite =
        """
        CREATE TABLE rollouts (
            flag_key                   TEXT    NOT NULL PRIMARY KEY,
            policy_name                TEXT    NOT NULL,
            policy_revision            TEXT    NULL,
            phase                      TEXT    NOT NULL,
            stage_index                INTEGER NOT NULL,
            weight                     TEXT    NOT NULL,
            stage_started_at           TEXT    NULL,
            hold_served_ticks          INTEGER NOT NULL,
            hold_counting_since        TEXT    NULL,
            hold_waived                INTEGER NOT NULL,
            streaks                    TEXT    NOT NULL,
            consecutive_error_rounds   INTEGER NOT NULL,
            consecutive_no_data_rounds INTEGER NOT NULL,
            pause_reason               TEXT    NULL,
            last_measured_at           TEXT    NULL,
            updated_at                 TEXT    NOT NULL,
            version                    INTEGER NOT NULL
        );

        CREATE TABLE transitions (
            id            INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            flag_key      TEXT    NOT NULL,
            trigger_event TEXT    NOT NULL,
            from_phase    TEXT    NOT NULL,
            to_phase      TEXT    NOT NULL,
            from_stage    INTEGER NOT NULL,
            to_stage      INTEGER NOT NULL,
            from_weight   TEXT    NOT NULL,
            to_weight     TEXT    NOT NULL,
            actor         TEXT    NOT NULL,
            reason        TEXT    NOT NULL,
            occurred_at   TEXT    NOT NULL
        );
        CREATE INDEX ix_transitions_flag_newest ON transitions (flag_key, occurred_at DESC, id DESC);

        CREATE TABLE measurements (
            id          INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            flag_key    TEXT    NOT NULL,
            stage_index INTEGER NOT NULL,
            weight      TEXT    NOT NULL,
            guardrail   TEXT    NOT NULL,
            verdict     TEXT    NOT NULL,
            value       TEXT    NULL,
            threshold   TEXT    NOT NULL,
            query       TEXT    NOT NULL,
            detail      TEXT    NOT NULL,
            measured_at TEXT    NOT NULL
        );
        CREATE INDEX ix_measurements_flag_newest ON measurements (flag_key, measured_at DESC, id DESC);

        CREATE TABLE notification_attempts (
            id              INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
            notification_id TEXT    NOT NULL,
            flag_key        TEXT    NOT NULL,
            kind            TEXT    NOT NULL,
            route           TEXT    NOT NULL,
            channel         TEXT    NOT NULL,
            attempt         INTEGER NOT NULL,
            outcome         TEXT    NOT NULL,
            status_code     INTEGER NULL,
            error           TEXT    NULL,
            attempted_at    TEXT    NOT NULL
        );
        CREATE INDEX ix_notification_attempts_flag_newest ON notification_attempts (flag_key, attempted_at DESC, id DESC);
        CREATE INDEX ix_notification_attempts_notification ON notification_attempts (notification_id, attempt);
        """;

    private const string Postgres =
        """
        CREATE TABLE rollouts (
            flag_key                   text        NOT NULL PRIMARY KEY,
            policy_name                text        NOT NULL,
            policy_revision            text        NULL,
            phase                      text        NOT NULL,
            stage_index                integer     NOT NULL,
            weight                     numeric     NOT NULL,
            stage_started_at           timestamptz NULL,
            hold_served_ticks          bigint      NOT NULL,
            hold_counting_since        timestamptz NULL,
            hold_waived                boolean     NOT NULL,
            streaks                    jsonb       NOT NULL,
            consecutive_error_rounds   integer     NOT NULL,
            consecutive_no_data_rounds integer     NOT NULL,
            pause_reason               text        NULL,
            last_measured_at           timestamptz NULL,
            updated_at                 timestamptz NOT NULL,
            version                    bigint      NOT NULL
        );

        CREATE TABLE transitions (
            id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            flag_key      text        NOT NULL,
            trigger_event text        NOT NULL,
            from_phase    text        NOT NULL,
            to_phase      text        NOT NULL,
            from_stage    integer     NOT NULL,
            to_stage      integer     NOT NULL,
            from_weight   numeric     NOT NULL,
            to_weight     numeric     NOT NULL,
            actor         text        NOT NULL,
            reason        text        NOT NULL,
            occurred_at   timestamptz NOT NULL
        );
        CREATE INDEX ix_transitions_flag_newest ON transitions (flag_key, occurred_at DESC, id DESC);

        CREATE TABLE measurements (
            id          bigint           GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            flag_key    text             NOT NULL,
            stage_index integer          NOT NULL,
            weight      numeric          NOT NULL,
            guardrail   text             NOT NULL,
            verdict     text             NOT NULL,
            value       double precision NULL,
            threshold   text             NOT NULL,
            query       text             NOT NULL,
            detail      text             NOT NULL,
            measured_at timestamptz      NOT NULL
        );
        CREATE INDEX ix_measurements_flag_newest ON measurements (flag_key, measured_at DESC, id DESC);

        CREATE TABLE notification_attempts (
            id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            notification_id text        NOT NULL,
            flag_key        text        NOT NULL,
            kind            text        NOT NULL,
            route           text        NOT NULL,
            channel         text        NOT NULL,
            attempt         integer     NOT NULL,
            outcome         text        NOT NULL,
            status_code     integer     NULL,
            error           text        NULL,
            attempted_at    timestamptz NOT NULL
        );
        CREATE INDEX ix_notification_attempts_flag_newest ON notification_attempts (flag_key, attempted_at DESC, id DESC);
        CREATE INDEX ix_notification_attempts_notification ON notification_attempts (notification_id, attempt);
        """;
}
