using RolloutController.Store;
using RolloutController.Store.Migrations;

namespace RolloutController.IntegrationTests.Store;

public abstract partial class RolloutStoreContractTests
{
    [Fact]
    public async Task Migrations_are_recorded_once_each()
    {
        (await ScalarAsync("SELECT COUNT(*) FROM schema_migrations")).ShouldBe(SchemaMigrations.All.Count);
        (await ScalarAsync("SELECT MAX(version) FROM schema_migrations")).ShouldBe(SchemaMigrations.All.Max(m => m.Version));
    }

    [Fact]
    public async Task Migrating_again_changes_nothing_and_keeps_the_data()
    {
        var saved = await Store.SaveAsync(Observing(), [NewTransition("checkout-v2", 1)], [], Ct);

        await Store.MigrateAsync(Ct);
        await OpenStore().MigrateAsync(Ct);

        (await ScalarAsync("SELECT COUNT(*) FROM schema_migrations")).ShouldBe(SchemaMigrations.All.Count);
        ShouldMatch((await Store.GetAsync("checkout-v2", Ct))!, saved);
        (await Store.GetTransitionsAsync("checkout-v2", 10, Ct)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_migrators_on_a_fresh_database_both_succeed()
    {
        await DropDatabaseAsync();
        await CreateDatabaseAsync();
        var replicas = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToList();

        await Task.WhenAll(replicas.Select(replica => Task.Run(() => replica.MigrateAsync(Ct))));

        (await ScalarAsync("SELECT COUNT(*) FROM schema_migrations")).ShouldBe(SchemaMigrations.All.Count);
        (await replicas[0].SaveAsync(NewState(), [], [], Ct)).Version.ShouldBe(1);
    }

    [Fact]
    public async Task An_unreachable_database_fails_with_a_store_exception_saying_what_failed()
    {
        await using var store = CreateUnreachableStore();

        var error = await Should.ThrowAsync<StoreException>(() => store.GetAsync("checkout-v2", Ct));

        error.ShouldNotBeOfType<ConcurrencyConflictException>();
        error.Message.ShouldContain("reading rollout 'checkout-v2' failed");
        error.InnerException.ShouldNotBeNull();
        (await Should.ThrowAsync<StoreException>(() => store.MigrateAsync(Ct))).Message.ShouldContain("migrating the schema failed");
    }
}
