using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RolloutController.TestUtilities.Prometheus;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.TestUtilities.Teams;

/// <summary>
/// A stand-in for a Teams Workflows webhook on 127.0.0.1 (Teams cannot run here): checks every body against the Adaptive
/// Card message schema (<see cref="TeamsCardSchema"/>) and answers as the Workflows trigger does — <c>202 Accepted</c> with
/// no body for a valid card, <c>400</c> with a JSON <c>error</c> (code <c>TriggerInputSchemaMismatch</c>) naming what is
/// wrong otherwise, <c>415</c> when the body is not JSON. Records every request; can be scripted to fail or stopped.
/// </summary>
public sealed class TeamsWorkflowReceiver : IAsyncDisposable
{
    public const string SchemaMismatch = "TriggerInputSchemaMismatch";

    private readonly Lock _gate = new();
    private readonly List<ReceivedRequest> _requests = [];
    private readonly Queue<(int Status, TimeSpan? RetryAfter)> _scripted = new();
    private WebApplication? _app;

    private TeamsWorkflowReceiver()
    {
    }

    /// <summary>A Workflows-shaped URL on this receiver, with its signature in the query as Teams gives it.</summary>
    public Uri WorkflowUrl { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get { lock (_gate) return [.. _requests]; }
    }

    public static async Task<TeamsWorkflowReceiver> StartAsync()
    {
        var receiver = new TeamsWorkflowReceiver();
        var (app, baseUri) = await LoopbackWebApp.StartAsync(a => a.Run(receiver.HandleAsync));
        receiver._app = app;
        receiver.WorkflowUrl = new Uri(baseUri,
            "workflows/4f1c/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=c2VjcmV0LXNpZw");
        return receiver;
    }

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="statusCode"/> (and a Retry-After in seconds, if given).</summary>
    public void FailNext(int count, int statusCode, TimeSpan? retryAfter = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++) _scripted.Enqueue((statusCode, retryAfter));
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests arrived; throws with what was received on timeout.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (Requests.Count < count)
        {
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{Requests.Count} of {count} requests arrived within {timeout}");
            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }
        return Requests;
    }

    /// <summary>Stops listening: connections are refused from now on.</summary>
    public async Task StopAsync()
    {
        var app = Interlocked.Exchange(ref _app, null);
        if (app is not null) await LoopbackWebApp.StopAsync(app);
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var (status, retryAfter, answer) = Answer(context.Request, body);
        lock (_gate)
        {
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _requests.Add(new ReceivedRequest(context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body, status,
                DateTimeOffset.UtcNow));
        }
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        if (answer is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
        }
    }

    private (int Status, TimeSpan? RetryAfter, JsonObject? Body) Answer(HttpRequest request, byte[] body)
    {
        lock (_gate)
        {
            if (_scripted.TryDequeue(out var scripted))
                return (scripted.Status, scripted.RetryAfter, Error("Scripted", $"scripted failure {scripted.Status}"));
        }
        if (request.Method != HttpMethods.Post) return (StatusCodes.Status405MethodNotAllowed, null, Error("MethodNotAllowed", request.Method));
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
            return (StatusCodes.Status415UnsupportedMediaType, null, Error("UnsupportedMediaType", $"content type '{request.ContentType}'"));
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return (StatusCodes.Status400BadRequest, null, Error("InvalidRequestContent", e.Message));
        }
        var violations = TeamsCardSchema.Violations(json);
        return violations.Count == 0
            ? (StatusCodes.Status202Accepted, null, null)
            : (StatusCodes.Status400BadRequest, null, Error(SchemaMismatch,
                "The input body for trigger 'manual' of type 'Request' did not match its schema definition. Error details: " +
                string.Join("; ", violations)));
    }

    private static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
}
