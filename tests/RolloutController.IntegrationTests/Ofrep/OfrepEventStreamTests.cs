using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.Flags.Changes;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Flags;

namespace RolloutController.IntegrationTests.Ofrep;

/// <summary>OFREP's event stream (ADR-0008) on a real Kestrel host: advertised, told of every change, bounded, cleaned up.</summary>
public sealed class OfrepEventStreamTests : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly FlagChangeBroadcaster _feed = new(TimeProvider.System);
    private readonly BuiltinFlagCatalog _catalog;
    private OfrepServer? _server;

    public OfrepEventStreamTests()
    {
        _catalog = new BuiltinFlagCatalog(_feed);
        _catalog.Set(Flag(0m, RolloutPhase.Pending));
    }

    private static ServedFlag Flag(decimal weight, RolloutPhase phase) => new("new-checkout", weight, phase, 0, "checkout", FlagType.Release);

    private async Task<OfrepServer> StartAsync(Action<OfrepEventStreamOptions>? options = null, Action<WebApplication, Microsoft.AspNetCore.Routing.RouteGroupBuilder>? map = null) =>
        _server = await OfrepServer.StartAsync(_catalog, _feed,
            services => services.Configure<OfrepEventStreamOptions>(o => options?.Invoke(o)), map);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }

    private static async Task<HttpResponseMessage> BulkAsync(OfrepServer server, string? ifNoneMatch = null, string query = "")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ofrep/v1/evaluate/flags" + query)
        {
            Content = new StringContent("""{"context":{"targetingKey":"user-1"}}""", Encoding.UTF8, "application/json"),
        };
        if (ifNoneMatch is not null) request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await server.Client.SendAsync(request);
    }

    private static async Task<SseEvent> NextEventAsync(SseStream stream)
    {
        using var timeout = new CancellationTokenSource(Patience);
        return await stream.NextAsync(timeout.Token) ?? throw new InvalidOperationException("the stream ended");
    }

    private static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException(what);
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task The_bulk_response_advertises_the_stream_as_ADR_0008_describes()
    {
        var server = await StartAsync(o => o.InactivityDelay = TimeSpan.FromSeconds(90));

        using var response = await BulkAsync(server);

        var streams = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("eventStreams");
        streams.GetArrayLength().ShouldBe(1);
        streams[0].GetProperty("type").GetString().ShouldBe("sse");
        streams[0].GetProperty("endpoint").GetProperty("requestUri").GetString().ShouldBe("/ofrep/v1/events");
        streams[0].TryGetProperty("url", out _).ShouldBeFalse("exactly one of url and endpoint");
        streams[0].GetProperty("inactivityDelaySec").GetInt32().ShouldBe(90);
    }

    [Fact]
    public async Task Every_change_tells_the_client_to_refetch_with_the_new_etag_and_the_refetch_serves_it()
    {
        var server = await StartAsync();
        using var first = await BulkAsync(server);
        var bulkETag = first.Headers.ETag!.Tag;
        await using var stream = await SseStream.OpenAsync(server.Client, "/ofrep/v1/events");
        stream.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        stream.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        stream.Response.Headers.CacheControl!.NoCache.ShouldBeTrue();

        // Connected without Last-Event-ID: told at once where the configuration stands (a change between the bulk
        // request and the connection is not lost).
        var hello = await NextEventAsync(stream);
        hello.Id.ShouldBe(_catalog.Current.ETag);
        stream.Retry.ShouldBe(1000);

        _catalog.Set(Flag(100m, RolloutPhase.Observing));
        var pushed = await NextEventAsync(stream);

        pushed.Type.ShouldBe("message");
        pushed.Id.ShouldBe(_catalog.Current.ETag);
        var data = pushed.Json;
        data.GetProperty("type").GetString().ShouldBe("refetchEvaluation");
        data.GetProperty("etag").GetString().ShouldBe(_catalog.Current.ETag);
        data.GetProperty("lastModified").GetInt64().ShouldBeInRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        using var refetch = await BulkAsync(server, bulkETag, "?flagConfigEtag=" + Uri.EscapeDataString(data.GetProperty("etag").GetString()!));
        refetch.StatusCode.ShouldBe(HttpStatusCode.OK);
        var flag = JsonDocument.Parse(await refetch.Content.ReadAsStringAsync()).RootElement.GetProperty("flags")[0];
        flag.GetProperty("value").GetBoolean().ShouldBeTrue();

        _catalog.Set(Flag(100m, RolloutPhase.Aborted));
        (await NextEventAsync(stream)).Id.ShouldBe(_catalog.Current.ETag);
    }

    [Fact]
    public async Task A_client_reconnecting_with_the_current_etag_is_not_told_again_and_one_that_missed_a_change_is()
    {
        var server = await StartAsync();
        var current = _catalog.Current.ETag;
        await using (var upToDate = await SseStream.OpenAsync(server.Client, "/ofrep/v1/events", lastEventId: current))
        {
            _catalog.Set(Flag(10m, RolloutPhase.Observing));
            var next = await NextEventAsync(upToDate);
            next.Id.ShouldBe(_catalog.Current.ETag, "the first event is the change, not a repeat of the current ETag");
        }

        await using var behind = await SseStream.OpenAsync(server.Client, "/ofrep/v1/events", lastEventId: current);
        (await NextEventAsync(behind)).Id.ShouldBe(_catalog.Current.ETag);
    }

    [Fact]
    public async Task Disconnected_clients_leave_the_feed()
    {
        var server = await StartAsync();
        var streams = new List<SseStream>();
        for (var i = 0; i < 20; i++)
        {
            var stream = await SseStream.OpenAsync(server.Client, "/ofrep/v1/events");
            await NextEventAsync(stream);
            streams.Add(stream);
        }
        // The stream holds one subscription for all its clients, and leaves the feed once the last client left.
        _feed.Subscribers.ShouldBe(1);

        foreach (var stream in streams.Skip(1)) await stream.DisposeAsync();
        await Task.Delay(200);
        _feed.Subscribers.ShouldBe(1);
        await streams[0].DisposeAsync();

        await EventuallyAsync(() => _feed.Subscribers == 0, "the stream still holds its subscription after every client disconnected");
    }

    [Fact]
    public async Task Connections_above_the_limit_are_refused_with_retry_after()
    {
        var server = await StartAsync(o => o.MaxConnections = 2);
        await using var one = await SseStream.OpenAsync(server.Client, "/ofrep/v1/events");
        await using var two = await SseStream.OpenAsync(server.Client, "/ofrep/v1/events");

        await using var three = await SseStream.OpenAsync(server.Client, "/ofrep/v1/events");

        three.Response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        three.Response.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        await one.DisposeAsync();
        // The closed connection's place is released: a new one is accepted (the client's close takes a moment to arrive).
        SseStream? four = null;
        await EventuallyAsync(() =>
        {
            four?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            four = SseStream.OpenAsync(server.Client, "/ofrep/v1/events").GetAwaiter().GetResult();
            return four.Response.StatusCode == HttpStatusCode.OK;
        }, "the closed connection was not released");
        await four!.DisposeAsync();
    }

    [Fact]
    public async Task Authorization_on_the_OFREP_group_protects_the_stream_too()
    {
        // A convention on the group MapOfrep returns wraps every endpoint in it, as RequireAuthorization does.
        var server = await StartAsync(map: (_, group) => ((IEndpointConventionBuilder)group).Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate!;
            endpoint.RequestDelegate = http =>
            {
                if (http.Request.Headers["X-API-Key"] == "secret") return inner(http);
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        }));

        await using var refused = await SseStream.OpenAsync(server.Client, "/ofrep/v1/events");
        refused.Response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _feed.Subscribers.ShouldBe(0);

        await using var allowed = await SseStream.OpenAsync(server.Client, "/ofrep/v1/events",
            configure: r => r.Headers.Add("X-API-Key", "secret"));
        allowed.Response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await NextEventAsync(allowed)).Json.GetProperty("type").GetString().ShouldBe("refetchEvaluation");
    }

    [Fact]
    public async Task Without_a_change_feed_no_stream_is_advertised_or_served()
    {
        await using var server = await OfrepServer.StartAsync(_catalog);

        using var bulk = await BulkAsync(server);
        JsonDocument.Parse(await bulk.Content.ReadAsStringAsync()).RootElement.TryGetProperty("eventStreams", out _).ShouldBeFalse();
        using var stream = await server.Client.GetAsync("/ofrep/v1/events");
        stream.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
