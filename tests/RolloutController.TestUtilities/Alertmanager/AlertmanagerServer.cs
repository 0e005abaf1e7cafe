using System.Globalization;
using System.Text.Json;
using RolloutController.TestUtilities.Dependencies;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.TestUtilities.Alertmanager;

/// <summary>
/// The real Alertmanager (Debian's <c>prometheus-alertmanager</c>) on 127.0.0.1, not clustered, with a generated
/// configuration: alerts whose <c>owner</c> label is <see cref="RoutedOwner"/> go through a route to a webhook receiver
/// (the given URL, resolved alerts included), everything else to a receiver that sends nothing. Groups are sent after
/// 1 s and updated every second, so a test sees notifications within seconds.
/// </summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    /// <summary>The owner whose alerts the generated route sends to the webhook.</summary>
    public const string RoutedOwner = "team-payments";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly ServerProcess _server;
    private readonly HttpClient _http;

    private AlertmanagerServer(ServerProcess server)
    {
        _server = server;
        _http = new HttpClient { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Base address, e.g. <c>http://127.0.0.1:43127/</c> (what a channel's <c>Url</c> is set to).</summary>
    public Uri BaseUri => _server.BaseUri;

    /// <summary>What Alertmanager logged so far (for failure messages).</summary>
    public string Log => _server.Log;

    /// <summary>
    /// Starts Alertmanager routing <see cref="RoutedOwner"/>'s alerts to <paramref name="webhook"/>. An alert posted
    /// without <c>endsAt</c> resolves <paramref name="resolveTimeout"/> after its last post (default 5 minutes, as
    /// Alertmanager's own default).
    /// </summary>
    public static async Task<AlertmanagerServer> StartAsync(Uri webhook, TimeSpan? resolveTimeout = null, CancellationToken cancellationToken = default)
    {
        var binary = RequiredDependency.Executable("prometheus-alertmanager", "/usr/bin/prometheus-alertmanager");
        var server = await ServerProcess.StartAsync(binary, async (directory, port) =>
        {
            var config = Path.Combine(directory, "alertmanager.yml");
            await File.WriteAllTextAsync(config, Config(webhook, resolveTimeout ?? TimeSpan.FromMinutes(5)), cancellationToken);
            return
            [
                $"--config.file={config}",
                $"--storage.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                // No gossip port: one instance, and nothing else bound on the machine.
                "--cluster.listen-address=",
                "--log.level=warn",
            ];
        }, "-/ready", ReadyTimeout, cancellationToken);
        return new AlertmanagerServer(server);
    }

    /// <summary>The alerts <c>GET /api/v2/alerts</c> lists now (active, silenced, inhibited and unprocessed; not resolved ones).</summary>
    public async Task<IReadOnlyList<JsonElement>> AlertsAsync(CancellationToken cancellationToken = default)
    {
        var body = await _http.GetStringAsync("api/v2/alerts", cancellationToken);
        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.EnumerateArray().Select(a => a.Clone())];
    }

    /// <summary>Polls the alerts until <paramref name="predicate"/> holds; throws with the last answer and the log after <paramref name="timeout"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAlertsAsync(Func<IReadOnlyList<JsonElement>, bool> predicate, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var last = "no answer yet";
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                var alerts = await AlertsAsync(deadline.Token);
                if (predicate(alerts)) return alerts;
                last = JsonSerializer.Serialize(alerts);
            }
            catch (Exception e) when (e is HttpRequestException or JsonException) { last = e.Message; }
            catch (OperationCanceledException) { break; }
            try { await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token); }
            catch (OperationCanceledException) { break; }
        }
        throw new TimeoutException($"Alertmanager: {what} not seen within {timeout}; last answer: {last}\nlog:\n{Log}");
    }

    /// <summary>The value of label <paramref name="name"/> of an alert from <see cref="AlertsAsync"/> (or of a webhook's alert); null when absent.</summary>
    public static string? Label(JsonElement alert, string name) =>
        alert.GetProperty("labels").TryGetProperty(name, out var value) ? value.GetString() : null;

    /// <summary>The value of annotation <paramref name="name"/>; null when absent.</summary>
    public static string? Annotation(JsonElement alert, string name) =>
        alert.GetProperty("annotations").TryGetProperty(name, out var value) ? value.GetString() : null;

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    private static string Config(Uri webhook, TimeSpan resolveTimeout) => $"""
        global:
          resolve_timeout: {Duration(resolveTimeout)}
        route:
          receiver: nobody
          group_by: [alertname, flag]
          group_wait: 1s
          group_interval: 1s
          repeat_interval: 1h
          routes:
            - receiver: on-call
              matchers: ['owner="{RoutedOwner}"']
        receivers:
          - name: nobody
          - name: on-call
            webhook_configs:
              - url: '{webhook}'
                send_resolved: true
        """;

    private static string Duration(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
