using RolloutController.Store.Migrations;

namespace RolloutController.IntegrationTests.Store;

public sealed class SchemaMigrationsTests
{
    [Fact]
    public void Migrations_are_numbered_1_to_n_in_order_with_sql_for_every_database()
    {
        SchemaMigrations.All.Select(m => m.Version).ShouldBe(Enumerable.Range(1, SchemaMigrations.All.Count));
        foreach (var migration in SchemaMigrations.All)
        {
            migration.Name.ShouldNotBeNullOrWhiteSpace();
            migration.Sqlite.ShouldNotBeNullOrWhiteSpace();
            migration.Postgres.ShouldNotBeNullOrWhiteSpace();
        }
    }
}
