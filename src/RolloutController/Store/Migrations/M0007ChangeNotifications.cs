namespace RolloutController.Store.Migrations;

/// <summary>
/// On PostgreSQL, every stored change of a rollout (insert or update of its row: a round's move, a command, a safety
/// move stored from the journal) announces itself on the channel <c>rollout_controller_changes</c> with the payload
/// <c>rollouts:{flag_key}</c>, and every stored kill switch (<c>flag_switches</c>, inserted, updated or deleted) with
/// <c>flag_switches:{flag_key}</c>, delivered when the transaction commits, so every replica listening learns of it at once.
/// SQLite has one process, which made every change itself: nothing to announce.
/// </summary>
internal static class M0007ChangeNotifications
{
    public static Migration Migration { get; } = new(7, "change notifications", Sqlite, Postgres);

    private const string Sqlite = "SELECT 1;";

    private const string Postgres =
        """
        CREATE OR REPLACE FUNCTION rollout_controller_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('rollout_controller_changes', TG_TABLE_NAME || ':' || CASE WHEN TG_OP = 'DELETE' THEN OLD.flag_key ELSE NEW.flag_key END);
            RETURN NULL;
        END
        $$;
        CREATE TRIGGER rollouts_notify_change AFTER INSERT OR UPDATE ON rollouts
            FOR EACH ROW EXECUTE FUNCTION rollout_controller_notify_change();
        CREATE TRIGGER flag_switches_notify_change AFTER INSERT OR UPDATE OR DELETE ON flag_switches
            FOR EACH ROW EXECUTE FUNCTION rollout_controller_notify_change();
        """;
}
