using RolloutController.Flags.Builtin;
using RolloutController.Rollouts;
using PolicyBuilder = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Flags;

/// <summary>The bulk ETag follows content, not the order changes arrived in; one publication for many states.</summary>
public sealed class BuiltinFlagCatalogTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Equal_content_gives_an_equal_etag_whatever_the_order_of_changes()
    {
        var states = Enumerable.Range(0, 50).Select(i => (PolicyBuilder.Default($"f{i}"), Live($"f{i}", i % 3 + 1, 1))).ToList();
        var forward = new BuiltinFlagCatalog();
        foreach (var s in states) forward.ApplyMany([s]);
        var backward = new BuiltinFlagCatalog();
        backward.ApplyMany(Enumerable.Reverse(states));

        backward.Current.ETag.ShouldBe(forward.Current.ETag);
        backward.Current.Flags.Count.ShouldBe(50);
    }

    [Fact]
    public void A_change_changes_the_etag_and_undoing_it_restores_it()
    {
        var catalog = new BuiltinFlagCatalog();
        var policy = PolicyBuilder.Default("f");
        catalog.ApplyMany([(policy, Live("f", 10m, 1)), (PolicyBuilder.Default("g"), Live("g", 1m, 1))]);
        var before = catalog.Current.ETag;

        catalog.ApplyMany([(policy, Live("f", 50m, 2))]);
        catalog.Current.ETag.ShouldNotBe(before);

        catalog.ApplyMany([(policy, Live("f", 10m, 3))]);
        catalog.Current.ETag.ShouldBe(before, "the same flags served give the same ETag");

        catalog.Remove("g");
        catalog.Current.Flags.Keys.ShouldBe(["f"]);
        catalog.Current.ETag.ShouldNotBe(before);
    }

    [Fact]
    public void Applying_many_states_publishes_once_and_keeps_newer_versions()
    {
        var catalog = new BuiltinFlagCatalog();
        var policy = PolicyBuilder.Default("f");
        catalog.ApplyMany([(policy, Live("f", 50m, 5))]);
        var snapshot = catalog.Current;

        catalog.ApplyMany([(policy, Live("f", 1m, 4)), (policy, Live("f", 10m, 3))]);

        catalog.Current.ShouldBeSameAs(snapshot, "older versions change nothing, so nothing is published");
        catalog.Current.Flags["f"].Weight.ShouldBe(50m);
    }

    private static RolloutState Live(string flag, decimal weight, long version) =>
        RolloutState.New(flag, flag, "rev1", Now) with { Phase = RolloutPhase.Observing, StageIndex = 1, Weight = weight, Version = version };
}
