using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.Flags.Changes;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Telemetry;

namespace RolloutController.UnitTests.Flags;

public sealed class FlagChangeFeedTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 3, 7, 0, 0, TimeSpan.Zero));

    private static ServedFlag Flag(string key, decimal weight, RolloutPhase phase = RolloutPhase.Observing) =>
        new(key, weight, phase, 0, key, FlagType.Release);

    [Fact]
    public async Task A_subscriber_is_told_the_new_etag_and_which_flags_changed()
    {
        var feed = new FlagChangeBroadcaster(_time);
        var catalog = new BuiltinFlagCatalog(feed);
        using var subscription = feed.Subscribe();

        catalog.Set(Flag("new-checkout", 10m));

        var change = await subscription.NextAsync(CancellationToken.None);
        change.ETag.ShouldBe(catalog.Current.ETag);
        change.Flags.ShouldBe(["new-checkout"]);
        change.Sequence.ShouldBe(1);
        change.Changes.ShouldBe(1);
        change.At.ShouldBe(_time.GetUtcNow());
        feed.Latest.ShouldBe(change);
    }

    [Fact]
    public void Serving_the_same_again_is_no_change()
    {
        var feed = new FlagChangeBroadcaster(_time);
        var catalog = new BuiltinFlagCatalog(feed);
        using var subscription = feed.Subscribe();
        catalog.Set(Flag("a", 10m));
        subscription.TryTake(out _).ShouldBeTrue();

        catalog.Set(Flag("a", 10m));

        subscription.TryTake(out _).ShouldBeFalse();
        feed.Latest.Sequence.ShouldBe(1);
    }

    [Fact]
    public void A_subscriber_that_does_not_read_gets_one_merged_change_naming_every_flag()
    {
        var feed = new FlagChangeBroadcaster(_time);
        var catalog = new BuiltinFlagCatalog(feed);
        using var slow = feed.Subscribe();

        catalog.Set(Flag("a", 1m));
        catalog.Set(Flag("b", 1m));
        catalog.Set(Flag("a", 10m));

        slow.TryTake(out var change).ShouldBeTrue();
        change.Changes.ShouldBe(3);
        change.Flags.ShouldBe(["a", "b"]);
        change.Sequence.ShouldBe(3);
        change.ETag.ShouldBe(catalog.Current.ETag);
        slow.TryTake(out _).ShouldBeFalse();
    }

    [Fact]
    public void Publishing_never_waits_for_readers_and_merges_are_counted()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        using var metrics = new ControllerMetrics(factory);
        long published = 0, merged = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name.StartsWith("flag_changes", StringComparison.Ordinal)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "flag_changes") published += value;
            else merged += value;
        });
        listener.Start();
        var feed = new FlagChangeBroadcaster(_time, metrics);
        var subscribers = Enumerable.Range(0, 1000).Select(_ => feed.Subscribe()).ToList();

        for (var i = 0; i < 50; i++) feed.Publish($"\"{i}\"", ["f"]);

        published.ShouldBe(50);
        merged.ShouldBe(49 * 1000);
        foreach (var subscriber in subscribers)
        {
            subscriber.TryTake(out var change).ShouldBeTrue();
            change.Changes.ShouldBe(50);
            change.ETag.ShouldBe("\"49\"");
            subscriber.Dispose();
        }
        feed.Subscribers.ShouldBe(0);
    }

    [Fact]
    public async Task Disposing_a_subscription_leaves_the_feed_and_ends_its_wait()
    {
        var feed = new FlagChangeBroadcaster(_time);
        var subscription = feed.Subscribe();
        using var other = feed.Subscribe();
        feed.Subscribers.ShouldBe(2);
        var waiting = subscription.NextAsync(CancellationToken.None).AsTask();

        subscription.Dispose();
        subscription.Dispose();

        feed.Subscribers.ShouldBe(1);
        await Should.ThrowAsync<System.Threading.Channels.ChannelClosedException>(waiting);
        feed.Publish("\"1\"", ["f"]);
        other.TryTake(out _).ShouldBeTrue();
    }

    [Fact]
    public void A_new_flag_document_announces_the_declared_flags()
    {
        var feed = new FlagChangeBroadcaster(_time);
        var catalog = new BuiltinFlagCatalog(feed);
        using var subscription = feed.Subscribe();
        var loaded = PolicyLoader.Load([new PolicySourceFile("kill.yaml", """
            apiVersion: rollout-controller/v1
            kind: Flag
            metadata: { name: payments-kill, owner: team-payments, type: ops, reason: kill switch }
            spec:
              key: payments-kill
              variants: { on: true, off: false }
              defaultVariant: on
              fallthrough: { variant: on }
            """)]);

        catalog.SetDeclarations(loaded.Flags, loaded.Segments);

        subscription.TryTake(out var change).ShouldBeTrue();
        change.Flags.ShouldBe(["payments-kill"]);
        change.ETag.ShouldBe(catalog.Current.ETag);
    }
}
