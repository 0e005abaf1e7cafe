using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RolloutController.Api;
using RolloutController.Engine;
using RolloutController.Rollouts;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Fakes;
using PolicyBuilder = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Api;

/// <summary>
/// A rollback served but not stored yet is what the list, the detail and the flag show, from the moment it is served,
/// with when it was served; a rollout without one is shown as known.
/// </summary>
public sealed class SeenRolloutsTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ControllerMetrics _metrics;
    private readonly KnownRollouts _known = new();
    private readonly PendingSafetyMoves _pending;

    public SeenRolloutsTests()
    {
        _metrics = new ControllerMetrics(_services.GetRequiredService<IMeterFactory>());
        _pending = new PendingSafetyMoves(_metrics, new FakeTimeProvider(Now));
    }

    [Fact]
    public void A_rollback_not_stored_yet_shows_alike_in_the_list_and_the_detail_as_served_with_the_write_pending()
    {
        var policy = PolicyBuilder.Default("checkout");
        var observing = Observing("checkout");
        _known.Watch(observing, Now - TimeSpan.FromHours(1));
        var servedAt = Now - TimeSpan.FromSeconds(3);
        var rolledBack = observing with { Phase = RolloutPhase.RolledBack, Weight = 0m, UpdatedAt = servedAt };
        var move = _pending.GetOrAdd("checkout", () => new PendingSafetyMove(policy, "j-1", observing, servedAt));
        lock (move.Gate) move.Merge(policy, rolledBack, [], [], []);

        var listed = RolloutListEndpoint.Page(SeenRollouts.All(_known, _pending), new FixedPolicySource([policy]),
            new RolloutListQuery(100, null, null, null, null, null), Now).Rollouts.ShouldHaveSingleItem();
        var detailed = SeenRollouts.Unstored("checkout", _known, _pending).ShouldNotBeNull();
        var detail = RolloutViews.Detail(policy, detailed.State, [], [], [], Now, detailed.WatchedSince, notStoredSince: detailed.NotStoredSince);

        listed.Phase.ShouldBe("RolledBack");
        listed.Weight.ShouldBe(0m);
        listed.NotStoredSince.ShouldBe(servedAt);
        detail.Rollout.ShouldBe(listed, "the list and the detail tell the same state at the same moment");
        SeenRollouts.Find("checkout", _known, _pending).ShouldBe(detailed);
    }

    [Fact]
    public void Without_a_move_waiting_a_rollout_shows_as_known_and_stored()
    {
        var observing = Observing("search");
        _known.Watch(observing, Now);

        SeenRollouts.All(_known, _pending).ShouldHaveSingleItem().ShouldBe(new SeenRollout(observing, Now, null));
        SeenRollouts.Find("search", _known, _pending).ShouldBe(new SeenRollout(observing, Now, null));
        SeenRollouts.Unstored("search", _known, _pending).ShouldBeNull();
        SeenRollouts.Find("unknown", _known, _pending).ShouldBeNull();
    }

    [Fact]
    public void A_move_served_from_the_journal_before_its_rollout_is_known_again_is_listed()
    {
        var aborted = Observing("journaled") with { Phase = RolloutPhase.Aborted, Weight = 0m };
        _pending.GetOrAdd("journaled", () => new PendingSafetyMove(null, "j-2", aborted, Now));

        var seen = SeenRollouts.All(_known, _pending).ShouldHaveSingleItem();

        seen.State.Phase.ShouldBe(RolloutPhase.Aborted);
        seen.NotStoredSince.ShouldBe(Now);
    }

    public void Dispose()
    {
        _metrics.Dispose();
        _services.Dispose();
    }

    private static RolloutState Observing(string flag) => RolloutState.New(flag, flag, "rev1", Now - TimeSpan.FromHours(1)) with
    {
        Phase = RolloutPhase.Observing, StageIndex = 0, Weight = 5m, LastMeasuredAt = Now, HoldCountingSince = Now - TimeSpan.FromHours(1),
    };
}
