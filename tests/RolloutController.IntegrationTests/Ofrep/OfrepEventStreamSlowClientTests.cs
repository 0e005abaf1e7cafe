using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.Flags.Changes;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Telemetry;

namespace RolloutController.IntegrationTests.Ofrep;

/// <summary>
/// A client whose socket stops taking data: its writes stall, it is dropped after the write timeout, and the other
/// clients and the writer never wait for it. The stall is a response body whose writes never complete (a full socket),
/// driven through the stream's real handler.
/// </summary>
public sealed class OfrepEventStreamSlowClientTests
{
    [Fact]
    public async Task A_client_that_stops_reading_is_dropped_and_never_holds_up_the_others()
    {
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        using var metrics = new ControllerMetrics(meters);
        var recorded = new System.Collections.Concurrent.ConcurrentQueue<(string Instrument, double Value, string? Tag)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            // This test's meters only: tests running beside it have their own factories.
            if (ReferenceEquals(instrument.Meter.Scope, meters)) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => recorded.Enqueue((i.Name, v, Tag(tags))));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => recorded.Enqueue((i.Name, v, Tag(tags))));
        listener.Start();
        var feed = new FlagChangeBroadcaster(TimeProvider.System, metrics);
        var catalog = new BuiltinFlagCatalog(feed);
        var stream = new OfrepEventStream(feed, catalog, metrics,
            Options.Create(new OfrepEventStreamOptions { WriteTimeout = TimeSpan.FromMilliseconds(200) }), TimeProvider.System,
            NullLogger<OfrepEventStream>.Instance);

        var stalledBody = new StalledStream();
        var stalled = Context(stalledBody, out _);
        var healthyBody = new SignallingStream();
        var healthy = Context(healthyBody, out var healthyAbort);
        var stalledRun = stream.HandleAsync(stalled);
        var healthyRun = stream.HandleAsync(healthy);

        // The stalled client's first write never completes: after the write timeout its connection is aborted and it
        // leaves the feed, while changes keep reaching the healthy one.
        for (var i = 1; i <= 20; i++)
        {
            catalog.Set(new ServedFlag("f", i, RolloutPhase.Observing, 0, "p", FlagType.Release));
            await Task.Delay(20);
        }
        await stalledRun.WaitAsync(TimeSpan.FromSeconds(10));
        stalled.Features.Get<AbortFeature>()!.Aborted.ShouldBeTrue();
        feed.Subscribers.ShouldBe(1);
        await healthyBody.WaitForAsync(catalog.Current.ETag, TimeSpan.FromSeconds(10));

        await healthyAbort.CancelAsync();
        await healthyRun.WaitAsync(TimeSpan.FromSeconds(10));
        feed.Subscribers.ShouldBe(0);

        // What an operator sees: the drop, the healthy client's close, its events, and each change's pass timed.
        var outcomes = recorded.Where(r => r.Instrument == "ofrep_event_stream_connections").Select(r => r.Tag).ToList();
        outcomes.ShouldBe(["opened", "opened", "dropped_slow", "closed"], ignoreOrder: true);
        recorded.Where(r => r.Instrument == "ofrep_event_stream_events").Sum(r => r.Value).ShouldBeGreaterThanOrEqualTo(1);
        var passes = recorded.Where(r => r.Instrument == "event_stream_fanout").ToList();
        passes.ShouldNotBeEmpty();
        passes.ShouldAllBe(p => p.Tag == "ofrep" && p.Value >= 0 && p.Value < 10);
    }

    private static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags) => tags.Length == 0 ? null : tags[0].Value as string;

    private static DefaultHttpContext Context(Stream body, out CancellationTokenSource aborted)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Response.Body = body;
        var abort = new AbortFeature();
        aborted = abort.Source;
        context.Features.Set<IHttpRequestLifetimeFeature>(abort);
        context.Features.Set(abort);
        return context;
    }

    private sealed class AbortFeature : IHttpRequestLifetimeFeature
    {
        public CancellationTokenSource Source { get; } = new();

        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted
        {
            get => Source.Token;
            set { }
        }

        public void Abort()
        {
            Aborted = true;
            Source.Cancel();
        }
    }

    // A socket whose peer stopped reading: writes never complete until the connection is aborted.
    private sealed class StalledStream : MemoryStream
    {
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.Delay(Timeout.Infinite, CancellationToken.None);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Task.Delay(Timeout.Infinite, CancellationToken.None));

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, CancellationToken.None);
    }

    private sealed class SignallingStream : MemoryStream
    {
        private readonly SemaphoreSlim _written = new(0);

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (this) base.Write(buffer.Span);
            _written.Release();
            await Task.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public async Task WaitForAsync(string etag, TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (true)
            {
                string text;
                lock (this) text = Encoding.UTF8.GetString(ToArray());
                if (text.Contains("id: " + etag + "\n", StringComparison.Ordinal)) return;
                var left = until - DateTime.UtcNow;
                if (left <= TimeSpan.Zero) throw new TimeoutException($"no event with id {etag}; the client got:\n{text}");
                await _written.WaitAsync(left);
            }
        }
    }
}
