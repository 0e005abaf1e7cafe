using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;

namespace RolloutController.ScaleBench;

/// <summary>
/// What a service and an operator see while the rounds run: for <c>--duration</c>, single-flag OFREP evaluations at a
/// fixed, light rate (<c>--ofrep-rate</c> per second, default 20, each a random flag of <c>--flags</c> and a new
/// targeting key) and <c>--api-calls</c> (default 200) calls of <c>GET /api/v1/rollouts?limit=100</c> spread evenly,
/// one at a time, walking the pages with the <c>next</c> cursor. The OFREP load is open-loop: requests leave on schedule
/// whether or not earlier ones have been answered, so a stalled server shows in the latencies instead of lowering the
/// load, and at 20 per second it takes a few percent of one CPU, unlike a closed-loop load generator such as wrk.
/// Writes JSON (<see cref="ProbeResult"/>) to <c>--out</c>.
/// </summary>
internal static class LatencyProbe
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var url = args.Text("url").TrimEnd('/');
        var flags = File.ReadLines(args.Text("flags")).Where(l => l.Length > 0).ToArray();
        var duration = args.Duration("duration", "60s");
        var rate = args.Number("ofrep-rate", 20);
        var apiCalls = args.Int("api-calls", 200);
        var output = args.Text("out");

        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) }) { Timeout = TimeSpan.FromSeconds(30) };
        var ofrep = OfrepAsync(http, url, flags, rate, duration);
        var api = ApiAsync(http, url, apiCalls, duration);
        var result = new ProbeResult(await ofrep, await api);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(result, Json.Options));
        return 0;
    }

    private static async Task<LatencySummary> OfrepAsync(HttpClient http, string url, string[] flags, double rate, TimeSpan duration)
    {
        var count = (int)(rate * duration.TotalSeconds);
        var calls = new List<Task<Call>>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / rate);
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            var flag = flags[Random.Shared.Next(flags.Length)];
            var body = $$$"""{"context":{"targetingKey":"probe-{{{i}}}"}}""";
            calls.Add(TimeAsync(() => http.PostAsync($"{url}/ofrep/v1/evaluate/flags/{flag}", new StringContent(body, Encoding.UTF8, "application/json"))));
        }
        return LatencySummary.Of(await Task.WhenAll(calls), null);
    }

    private static async Task<LatencySummary> ApiAsync(HttpClient http, string url, int count, TimeSpan duration)
    {
        var calls = new List<Call>(count);
        string? after = null;
        long? total = null;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = duration * i / count;
            if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
            string? body = null;
            var call = await TimeAsync(async () =>
            {
                var response = await http.GetAsync($"{url}/api/v1/rollouts?limit=100" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}"));
                body = await response.Content.ReadAsStringAsync();
                return response;
            });
            calls.Add(call);
            (after, total) = NextPage(body, total);
        }
        return LatencySummary.Of(calls, total);
    }

    /// <summary>The cursor of the next page (null: start again from the first) and the total, from a page answer.</summary>
    private static (string? Next, long? Total) NextPage(string? body, long? total)
    {
        try
        {
            using var page = JsonDocument.Parse(body ?? "");
            // A controller that answers a bare array does not page: every call lists everything.
            if (page.RootElement.ValueKind != JsonValueKind.Object) return (null, page.RootElement.GetArrayLength());
            var next = page.RootElement.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
            return (next, page.RootElement.TryGetProperty("total", out var t) && t.TryGetInt64(out var all) ? all : total);
        }
        catch (JsonException)
        {
            return (null, total);
        }
    }

    private static async Task<Call> TimeAsync(Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send();
            await response.Content.LoadIntoBufferAsync();
            return new Call(Stopwatch.GetElapsedTime(started).TotalMilliseconds, response.StatusCode == HttpStatusCode.OK);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Call(Stopwatch.GetElapsedTime(started).TotalMilliseconds, false);
        }
    }

    internal readonly record struct Call(double Milliseconds, bool Ok);

    internal sealed record LatencySummary(int Requests, int Failed, double P50Ms, double P90Ms, double P99Ms, double MaxMs, long? Total)
    {
        public static LatencySummary Of(IReadOnlyCollection<Call> calls, long? total)
        {
            var ms = calls.Where(c => c.Ok).Select(c => c.Milliseconds).Order().ToList();
            double P(double q) => Math.Round(Percentiles.OfSorted(ms, q), 2);
            return new LatencySummary(calls.Count, calls.Count(c => !c.Ok), P(0.5), P(0.9), P(0.99), ms.Count == 0 ? 0 : Math.Round(ms[^1], 2), total);
        }
    }
}

/// <summary>The probe's answer: OFREP single-flag evaluations, and the paged rollout list.</summary>
internal sealed record ProbeResult(LatencyProbe.LatencySummary Ofrep, LatencyProbe.LatencySummary RolloutList);

internal static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}
