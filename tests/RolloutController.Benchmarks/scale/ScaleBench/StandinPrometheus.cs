using System.Globalization;
using System.Text.Json;

namespace RolloutController.ScaleBench;

/// <summary>
/// A stand-in for Prometheus's <c>/api/v1/query</c> (POST form or GET, field <c>query</c>): waits <c>--latency</c>, then
/// answers every flag the query selects with the same healthy value (<see cref="QueryFlags"/> for the shape of the
/// answer), and records the query (<see cref="QueryLog"/>). It evaluates nothing: what is measured is the controller's
/// scheduling, not PromQL.
/// Options: --port P (required), --latency 100ms, --value 0.001, --label flag, --flags FILE (one expected flag key per
/// line: rollouts never queried are then counted too).
/// Endpoints besides the query: <c>GET /stats?from=&amp;to=&amp;interval=&amp;tolerance=</c> (Unix seconds, a duration,
/// a fraction; JSON, <see cref="QueryStats"/>), <c>GET /stats/flags?from=&amp;to=&amp;interval=</c> (TSV, one line per
/// flag), <c>GET /-/ready</c>.
/// </summary>
internal static class StandinPrometheus
{
    public static async Task<int> RunAsync(Arguments args)
    {
        var port = args.Int("port");
        var latency = args.Duration("latency", "0s");
        var value = args.Number("value", 0.001).ToString("R", CultureInfo.InvariantCulture);
        var label = args.Text("label", "flag");
        IReadOnlyCollection<string>? expected = args.Optional("flags") is { } file
            ? File.ReadLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
            : null;

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        // Thousands of rollouts keep hundreds of queries waiting out their latency at once; none of them holds a thread.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = null);
        var app = builder.Build();
        var log = new QueryLog();

        async Task Answer(HttpContext context)
        {
            var arrived = DateTimeOffset.UtcNow;
            string? query = context.Request.Query["query"];
            if (context.Request.HasFormContentType) query = (await context.Request.ReadFormAsync(context.RequestAborted))["query"];
            if (string.IsNullOrWhiteSpace(query))
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync("""{"status":"error","errorType":"bad_data","error":"no query"}""");
                return;
            }
            var selection = QueryFlags.Parse(query, label);
            log.Record(arrived.ToUnixTimeMilliseconds(), selection.Flags);
            if (latency > TimeSpan.Zero) await Task.Delay(latency, context.RequestAborted);
            context.Response.ContentType = "application/json";
            await WriteVectorAsync(context.Response.Body, selection, label, value, arrived, context.RequestAborted);
        }

        app.MapPost("/api/v1/query", Answer);
        app.MapGet("/api/v1/query", Answer);
        app.MapGet("/-/ready", () => "ready\n");
        app.MapGet("/stats", (HttpRequest request) =>
        {
            var (from, to, interval) = Window(request);
            var tolerance = double.Parse(request.Query["tolerance"].FirstOrDefault() ?? "0.05", CultureInfo.InvariantCulture);
            return Results.Json(log.Stats(from, to, interval, tolerance, expected), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        });
        app.MapGet("/stats/flags", (HttpRequest request) =>
        {
            var (from, to, interval) = Window(request);
            return Results.Text(string.Join('\n', log.FlagLines(from, to, interval)) + "\n");
        });
        Console.WriteLine($"stand-in Prometheus on http://127.0.0.1:{port}, latency {Durations.Format(latency)}, value {value}, label {label}" +
            (expected is null ? "" : $", {expected.Count} expected flags"));
        await app.RunAsync();
        return 0;
    }

    private static (double From, double To, TimeSpan Interval) Window(HttpRequest request)
    {
        double Seconds(string name) => double.Parse(request.Query[name].FirstOrDefault() ?? throw new ArgumentException($"{name} is required"), CultureInfo.InvariantCulture);
        var interval = Durations.Parse(request.Query["interval"].FirstOrDefault() ?? "10s") ?? throw new ArgumentException("interval must be a duration");
        return (Seconds("from"), Seconds("to"), interval);
    }

    private static async Task WriteVectorAsync(Stream body, QueryFlags.Selection selection, string label, string value, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteString("status", "success");
        json.WriteStartObject("data");
        json.WriteString("resultType", "vector");
        json.WriteStartArray("result");
        // Labelled: one series per flag, as `sum by (flag)` gives. Otherwise one series without labels, as `sum` gives
        // (a query naming no known flag included: a guardrail's answer is one value).
        IEnumerable<string?> series = selection.Labelled ? selection.Flags.Cast<string?>() : [null];
        foreach (var flag in series)
        {
            json.WriteStartObject();
            json.WriteStartObject("metric");
            if (flag is not null) json.WriteString(label, flag);
            json.WriteEndObject();
            json.WriteStartArray("value");
            json.WriteNumberValue(at.ToUnixTimeMilliseconds() / 1000.0);
            json.WriteStringValue(value);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
