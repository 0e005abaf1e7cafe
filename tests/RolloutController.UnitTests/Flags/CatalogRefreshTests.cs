using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Fakes;
using RolloutController.TestUtilities.Time;
using PolicyBuilder = RolloutController.TestUtilities.Builders.Policies;
using RolloutController.Engine;

namespace RolloutController.UnitTests.Flags;

/// <summary>Each replica serves what the store holds; a state read before a newer one was applied never wins.</summary>
public sealed class CatalogRefreshTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_catalog_never_goes_back_to_an_older_version_of_a_rollout()
    {
        var catalog = new BuiltinFlagCatalog();
        var policy = PolicyBuilder.Default("f");
        await catalog.ApplyAsync(policy, Live("f", weight: 10m, version: 3), CancellationToken.None);
        await catalog.ApplyAsync(policy, Live("f", weight: 1m, version: 2), CancellationToken.None);
        catalog.Current.Flags["f"].Weight.ShouldBe(10m);

        await catalog.ApplyAsync(policy, Live("f", weight: 50m, version: 4), CancellationToken.None);
        catalog.Current.Flags["f"].Weight.ShouldBe(50m);
        // Same version, e.g. with a reloaded policy: applied.
        await catalog.ApplyAsync(PolicyBuilder.Default("f") with { Revision = "rev2" }, Live("f", weight: 50m, version: 4) with { Phase = RolloutPhase.Aborted }, CancellationToken.None);
        catalog.Current.Flags["f"].Weight.ShouldBe(0m);
    }

    [Fact]
    public async Task A_refresh_serves_every_stored_rollout_whose_policy_is_in_force_here()
    {
        var store = new InMemoryRolloutStore();
        await store.SaveAsync(Live("served", weight: 10m, version: 0), [], [], CancellationToken.None);
        await store.SaveAsync(Live("unknown-here", weight: 10m, version: 0), [], [], CancellationToken.None);
        var catalog = new BuiltinFlagCatalog();

        await Refresher(store, catalog, PolicyBuilder.Default("served")).RefreshAsync(CancellationToken.None);

        catalog.Current.Flags.Keys.ShouldBe(["served"]);
        catalog.Current.Flags["served"].Weight.ShouldBe(10m);
    }

    [Fact]
    public async Task A_store_failure_is_logged_and_changes_nothing()
    {
        var catalog = new BuiltinFlagCatalog();
        await catalog.ApplyAsync(PolicyBuilder.Default("f"), Live("f", weight: 10m, version: 1), CancellationToken.None);

        await Refresher(new UnreachableRolloutStore(), catalog, PolicyBuilder.Default("f")).RefreshAsync(CancellationToken.None);

        catalog.Current.Flags["f"].Weight.ShouldBe(10m);
    }

    private static RolloutState Live(string flag, decimal weight, long version) =>
        RolloutState.New(flag, flag, "rev1", Now) with { Phase = RolloutPhase.Observing, StageIndex = 1, Weight = weight, Version = version };

    private static CatalogRefreshService Refresher(IRolloutStore store, IFlagBackend backend, params RolloutPolicy[] policies)
    {
        var telemetry = new ServiceCollection().AddMetrics().AddSingleton<ControllerMetrics>().BuildServiceProvider().GetRequiredService<ControllerMetrics>();
        return new CatalogRefreshService(store, new FixedPolicySource(policies), backend, new KnownRollouts(), telemetry,
            Options.Create(new StoreOptions()), TestClock.New(), NullLogger<CatalogRefreshService>.Instance);
    }
}
