namespace RolloutController.Store.Migrations;

/// <summary>
/// The kill switch of each flag a person switched (<c>rolloutctl flag off|on</c>): one row per flag, its position, who,
/// why, when, and a version that grows with every switch. Its history is in <c>transitions</c> (triggers
/// <c>SwitchOff</c>/<c>SwitchOn</c>), written in the same transaction.
/// </summary>
internal static class M0005FlagSwitches
{
    public static Migration Migration { get; } = new(5, "flag kill switches", Sqlite, Postgres);

    private const string Sqlite =
        """
        CREATE TABLE flag_switches (
            flag_key    TEXT    NOT NULL PRIMARY KEY,
            off         INTEGER NOT NULL,
            actor       TEXT    NOT NULL,
            reason      TEXT    NOT NULL,
            switched_at TEXT    NOT NULL,
            version     INTEGER NOT NULL
        );
        """;

    private const string Postgres =
        """
        CREATE TABLE flag_switches (
            flag_key    text        NOT NULL PRIMARY KEY,
            off         boolean     NOT NULL,
            actor       text        NOT NULL,
            reason      text        NOT NULL,
            switched_at timestamptz NOT NULL,
            version     bigint      NOT NULL
        );
        """;
}
