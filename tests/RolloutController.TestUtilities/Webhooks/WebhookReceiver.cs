using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace RolloutController.TestUtilities.Webhooks;

/// <summary>
/// A real HTTP receiver on 127.0.0.1 (free port) standing in for webhook and Slack endpoints: records every request
/// (headers and body), answers 200 unless scripted to fail, can be stopped to look down, and verifies signatures
/// independently of the code under test.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _gate = new();
    private readonly RequestLog<ReceivedRequest> _log = new(r => $"{r.Method} {r.Path} -> {r.RespondedWith}");
    private readonly Queue<(int Status, TimeSpan? RetryAfter)> _scripted = new();
    private bool _stopped;

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>Base address, e.g. http://127.0.0.1:41234/. Requests to any path are accepted.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary><see cref="BaseUrl"/> with path <c>/hook</c>: a ready-made webhook URL.</summary>
    public Uri HookUrl => new(BaseUrl, "hook");

    public IReadOnlyList<ReceivedRequest> Requests => _log.Items;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseUrl = new Uri(address.TrimEnd('/') + "/");
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

    /// <summary>Stops listening: connections are refused from now on, as for a receiver that is down.</summary>
    public async Task StopAsync()
    {
        lock (_gate)
        {
            if (_stopped) return;
            _stopped = true;
        }
        await _app.StopAsync();
    }

    /// <summary>Waits until <paramref name="predicate"/> holds for the requests received so far; throws with what was received on timeout.</summary>
    public Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(Func<IReadOnlyList<ReceivedRequest>, bool> predicate, TimeSpan timeout) =>
        _log.WaitForAsync(predicate, timeout);

    /// <summary>
    /// Checks <c>X-RolloutController-Signature</c>: <c>sha256=</c> + hex HMAC-SHA256(secret, "{X-RolloutController-Timestamp}.{body}").
    /// </summary>
    public static bool HasValidSignature(ReceivedRequest request, string secret)
    {
        var timestamp = request.Header("X-RolloutController-Timestamp");
        var signature = request.Header("X-RolloutController-Signature");
        if (timestamp is null || signature is null || !long.TryParse(timestamp, CultureInfo.InvariantCulture, out _)) return false;
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(request.Body).ToArray();
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);

        int status;
        TimeSpan? retryAfter;
        lock (_gate)
        {
            (status, retryAfter) = _scripted.TryDequeue(out var next) ? next : (StatusCodes.Status200OK, null);
        }
        _log.Add(new ReceivedRequest(context.Request.Method, context.Request.Path, headers, body.ToArray(), status, DateTimeOffset.UtcNow));
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.Response.WriteAsync(status == StatusCodes.Status200OK ? "ok" : $"scripted failure {status}", context.RequestAborted);
    }
}
