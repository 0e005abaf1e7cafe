using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RolloutController.TestUtilities.Prometheus;

/// <summary>
/// A local HTTP server on 127.0.0.1 whose answers tests script, for fault injection (5xx, malformed bodies, slow answers).
/// Every request gets the next scripted response; the last one repeats. Use <see cref="ClosedPortUri"/> for "down".
/// </summary>
public sealed class StubHttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<StubRequest> _requests = new();
    private readonly Lock _gate = new();
    private readonly Queue<StubResponse> _script = new();
    private StubResponse _last = StubResponse.Status(404, "no response scripted");

    private StubHttpServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<StubRequest> Requests => [.. _requests];

    public static async Task<StubHttpServer> StartAsync()
    {
        StubHttpServer? server = null;
        var (app, baseUri) = await LoopbackWebApp.StartAsync(a => a.Run(context => server!.HandleAsync(context)));
        return server = new StubHttpServer(app, baseUri);
    }

    /// <summary>An http URI on 127.0.0.1 where nothing listens: connections are refused.</summary>
    public static Uri ClosedPortUri() => new($"http://127.0.0.1:{FreePort.Next()}/");

    /// <summary>Adds responses served in order; after the last, it repeats.</summary>
    public StubHttpServer Respond(params StubResponse[] responses)
    {
        lock (_gate)
            foreach (var response in responses) _script.Enqueue(response);
        return this;
    }

    public ValueTask DisposeAsync() => new(LoopbackWebApp.StopAsync(_app));

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        _requests.Enqueue(new StubRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, body,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        StubResponse response;
        lock (_gate) response = _last = _script.TryDequeue(out var next) ? next : _last;
        if (response.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(response.Delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        context.Response.StatusCode = response.StatusCode;
        context.Response.ContentType = response.ContentType;
        foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }
}
