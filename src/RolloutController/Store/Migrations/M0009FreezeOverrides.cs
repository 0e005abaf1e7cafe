namespace RolloutController.Store.Migrations;

/// <summary>
/// A release manager's leave for a rollout to advance through controller-wide freezes (on <c>rollouts</c>, JSON: who,
/// why, when, and the policy revision it counts for); null when none was given.
/// </summary>
internal static class M0009FreezeOverrides
{
    public static Migration Migration { get; } = new(9, "freeze overrides", Sqlite, Postgres);

    private const string Sqlite = "ALTER TABLE rollouts ADD COLUMN freeze_override TEXT NULL;";

    private const string Postgres = "ALTER TABLE rollouts ADD COLUMN freeze_override jsonb NULL;";
}
