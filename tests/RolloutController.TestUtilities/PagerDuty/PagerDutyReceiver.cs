using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RolloutController.TestUtilities.Prometheus;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.TestUtilities.PagerDuty;

/// <summary>
/// Stands in for PagerDuty's Events API v2 (which cannot run here) on 127.0.0.1: validates every request body against
/// the schema written from PagerDuty's documentation and answers as PagerDuty documents — 202
/// <c>{"status":"success","message":"Event processed","dedup_key":...}</c> for a valid event, 400
/// <c>{"status":"invalid event","message":"Event object is invalid","errors":[...]}</c> otherwise — unless scripted to fail.
/// </summary>
public sealed class PagerDutyReceiver : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly RequestLog<PagerDutyRequest> _log = new(r => $"{r.EventAction} -> {r.RespondedWith} {string.Join("; ", r.SchemaErrors)}");
    private readonly Queue<int> _scripted = new();
    private WebApplication _app = null!;

    private PagerDutyReceiver()
    {
    }

    /// <summary>The events endpoint, <c>http://127.0.0.1:{port}/v2/enqueue</c>.</summary>
    public Uri EventsUrl { get; private set; } = null!;

    public IReadOnlyList<PagerDutyRequest> Requests => _log.Items;

    public static async Task<PagerDutyReceiver> StartAsync()
    {
        var receiver = new PagerDutyReceiver();
        var (app, baseUri) = await LoopbackWebApp.StartAsync(a => a.MapPost("/v2/enqueue", receiver.HandleAsync));
        receiver._app = app;
        receiver.EventsUrl = new Uri(baseUri, "v2/enqueue");
        return receiver;
    }

    /// <summary>Answers the next <paramref name="count"/> requests with <paramref name="statusCode"/> (429 or 5xx as PagerDuty may; 400 with its error body).</summary>
    public void FailNext(int count, int statusCode)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++) _scripted.Enqueue(statusCode);
        }
    }

    /// <summary>Waits until <paramref name="predicate"/> holds for the requests received so far; throws with what was received on timeout.</summary>
    public Task<IReadOnlyList<PagerDutyRequest>> WaitForAsync(Func<IReadOnlyList<PagerDutyRequest>, bool> predicate, TimeSpan timeout) =>
        _log.WaitForAsync(predicate, timeout);

    public async ValueTask DisposeAsync() => await LoopbackWebApp.StopAsync(_app);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var errors = PagerDutyEventsSchema.Errors(body);
        int status;
        lock (_gate)
            status = _scripted.TryDequeue(out var scripted) ? scripted : errors.Count == 0 ? StatusCodes.Status202Accepted : StatusCodes.Status400BadRequest;

        var answer = status switch
        {
            StatusCodes.Status202Accepted => new JsonObject
            {
                ["status"] = "success", ["message"] = "Event processed", ["dedup_key"] = DedupKey(body) ?? Guid.NewGuid().ToString("N"),
            },
            StatusCodes.Status400BadRequest => new JsonObject
            {
                ["status"] = "invalid event", ["message"] = "Event object is invalid",
                ["errors"] = new JsonArray((errors.Count == 0 ? ["scripted failure"] : errors).Select(e => (JsonNode)e).ToArray()),
            },
            _ => null,
        };
        _log.Add(new PagerDutyRequest(body, context.Request.ContentType, errors, status));
        context.Response.StatusCode = status;
        if (answer is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.ToJsonString(), context.RequestAborted);
        }
        else
        {
            await context.Response.WriteAsync(status.ToString(CultureInfo.InvariantCulture), context.RequestAborted);
        }
    }

    private static string? DedupKey(string body)
    {
        try
        {
            return JsonNode.Parse(body)?["dedup_key"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
