namespace RolloutController.Store.Migrations;

/// <summary>
/// One schema change, numbered, with its SQL for each database. Never edit a migration once released:
/// add a new one, because databases that already applied it will not run it again.
/// </summary>
/// <param name="Version">Positive, unique, applied in ascending order.</param>
internal sealed record Migration(int Version, string Name, string Sqlite, string Postgres);
