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
    public async Task A_database_of_an_older_build_is_upgraded_keeping_its_rows()
    {
        await DropDatabaseAsync();
        await CreateDatabaseAsync();
        await MigrateOnlyAsync([M0001InitialSchema.Migration]);
        await ScalarAsync(
            "INSERT INTO rollouts (flag_key, policy_name, policy_revision, phase, stage_index, weight, stage_started_at, hold_served_ticks, " +
            "hold_counting_since, hold_waived, streaks, consecutive_error_rounds, consecutive_no_data_rounds, pause_reason, last_measured_at, " +
            "updated_at, version) VALUES ('old-flag', 'old-policy', NULL, 'Observing', 0, 1, NULL, 0, NULL, " + False + ", '{}', 0, 0, NULL, NULL, " +
            Time + ", 1)");
        await ScalarAsync(
            "INSERT INTO measurements (flag_key, stage_index, weight, guardrail, verdict, value, threshold, query, detail, measured_at) " +
            "VALUES ('old-flag', 0, 1, 'error-rate', 'Pass', NULL, 'max 0.01', 'q', 'ok', " + Time + ")");

        // A store opened after the database was recreated: the old one's pooled connections are gone.
        var store = OpenStore();
        await store.MigrateAsync(Ct);

        (await ScalarAsync("SELECT MAX(version) FROM schema_migrations")).ShouldBe(SchemaMigrations.All.Max(m => m.Version));
        var state = (await store.GetAsync("old-flag", Ct)).ShouldNotBeNull();
        state.ExcludedSegments.ShouldBeEmpty();
        state.ConsecutiveInconclusiveRounds.ShouldBe(0);
        (await store.GetMeasurementsAsync("old-flag", 1, Ct)).Single().Measurement.Details.ShouldBeNull();
        (await store.SaveAsync(state with { ExcludedSegments = Observing().ExcludedSegments }, [], [], Ct)).Version.ShouldBe(2);
    }

    /// <summary>SQL literal for false in this database (SQLite stores booleans as integers).</summary>
    private protected abstract string False { get; }

    /// <summary>SQL literal for a stored time in this database.</summary>
    private protected abstract string Time { get; }

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
