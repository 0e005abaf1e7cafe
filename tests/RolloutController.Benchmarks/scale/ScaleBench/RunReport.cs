using System.Globalization;
using System.Text.Json;

namespace RolloutController.ScaleBench;

/// <summary>
/// One run's summary from the files run.sh leaves in <c>--dir</c>: <c>params.env</c> (the run's settings and what the
/// script timed), <c>stats.json</c> (the stand-in's counts over the window), <c>probe.json</c> (the latency probe),
/// and <c>metrics-R-before.txt</c> / <c>metrics-R-after.txt</c> for each replica R (scrapes at the window's ends).
/// Prints a table, then writes the same figures as <c>summary.json</c> and <c>summary.tsv</c> (a header and one row).
/// The lag goal: round lag p99 at most 5% of the interval, every rollout measured every interval, no round firing
/// merged into another or late.
/// </summary>
internal static class RunReport
{
    private const double LagGoalFraction = 0.05;

    public static int Run(Arguments args)
    {
        var dir = args.Text("dir");
        var p = File.ReadLines(Path.Combine(dir, "params.env"))
            .Select(l => l.Split('=', 2)).Where(kv => kv.Length == 2).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        var replicas = int.Parse(p["replicas"], CultureInfo.InvariantCulture);
        var interval = double.Parse(p["interval_s"], CultureInfo.InvariantCulture);
        var window = double.Parse(p["window_s"], CultureInfo.InvariantCulture);
        var scrapes = Enumerable.Range(1, replicas)
            .Select(r => (Before: MetricsSnapshot.Load(Path.Combine(dir, $"metrics-{r}-before.txt")), After: MetricsSnapshot.Load(Path.Combine(dir, $"metrics-{r}-after.txt"))))
            .ToList();
        using var stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "stats.json")));
        using var probe = File.Exists(Path.Combine(dir, "probe.json")) ? JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "probe.json"))) : null;
        var s = stats.RootElement;

        double? Delta(string name, params (string, string)[] match) => Total(scrapes.Select(x => MetricsSnapshot.Delta(x.Before, x.After, name, match)));
        double? PerReplica(int r, string name, params (string, string)[] match) => MetricsSnapshot.Delta(scrapes[r].Before, scrapes[r].After, name, match);
        var lagP50 = MetricsSnapshot.Quantile(scrapes, "rollout_controller_round_lag_seconds", 0.5, out _);
        var lagP99 = MetricsSnapshot.Quantile(scrapes, "rollout_controller_round_lag_seconds", 0.99, out var lagOverflow);
        var lagCount = Delta("rollout_controller_round_lag_seconds_count");
        var lagSum = Delta("rollout_controller_round_lag_seconds_sum");
        var queryP99 = MetricsSnapshot.Quantile(scrapes, "rollout_controller_prometheus_query_duration_seconds", 0.99, out _);
        var outcomes = scrapes.SelectMany(x => x.After.LabelValues("rollout_controller_rounds_total", "outcome")).Distinct().Order(StringComparer.Ordinal).ToList();
        var rounds = Delta("rollout_controller_rounds_total");
        var failed = Total(new[] { "failed", "failed_store", "conflict" }.Select(o => Delta("rollout_controller_rounds_total", ("outcome", o))));
        var coalesced = Delta("rollout_controller_rounds_coalesced_total");
        var late = Delta("rollout_controller_rounds_late_total");
        var measuredPerWindow = s.GetProperty("windows").EnumerateArray().Select(w => (double)w.GetProperty("measured").GetInt32()).Order().ToList();
        // The controller's store says which rollouts it measured; the stand-in's counts of the flags named in queries
        // agree only while every rollout queries on its own (a batched query names every flag sharing its template).
        var storeNotEvery = p.TryGetValue("store_not_every_interval", out var sne) && int.TryParse(sne, out var n) ? n : (int?)null;
        var notEveryInterval = storeNotEvery ?? s.GetProperty("notMeasuredEveryInterval").GetInt32();

        var lagGoal = LagGoalFraction * interval;
        var misses = new List<string>();
        if (lagP99 is not { } lag99) misses.Add("no round lag histogram");
        else if (lag99 > lagGoal || lagOverflow) misses.Add($"lag p99 {lag99:0.###}s > {lagGoal:0.###}s");
        if (notEveryInterval > 0) misses.Add($"{notEveryInterval} rollouts not measured every interval");
        if (coalesced is > 0) misses.Add($"{coalesced} firings merged");
        if (late is > 0) misses.Add($"{late} late rounds");

        var fields = new List<(string Key, object? Value)>
        {
            ("n", int.Parse(p["n"], CultureInfo.InvariantCulture)),
            ("interval_s", interval),
            ("latency", p["latency"]),
            ("window_s", window),
            ("max_concurrent_queries", OrDefault(p.GetValueOrDefault("maxq"))),
            ("max_concurrent_rounds", OrDefault(p.GetValueOrDefault("max_rounds"))),
            ("replicas", replicas),
            ("store", p["store"]),
            ("ready_s", Join(replicas, r => p.GetValueOrDefault($"ready_s_{r}"))),
            ("ofrep_serving_s", Join(replicas, r => p.GetValueOrDefault($"ofrep_s_{r}"))),
            ("measured_per_interval_min", measuredPerWindow.Count > 0 ? measuredPerWindow[0] : null),
            ("measured_per_interval_median", measuredPerWindow.Count > 0 ? Percentiles.OfSorted(measuredPerWindow, 0.5) : null),
            ("measured_per_interval_max", measuredPerWindow.Count > 0 ? measuredPerWindow[^1] : null),
            ("intervals", measuredPerWindow.Count),
            ("never_measured", p.GetValueOrDefault("store_never_measured")),
            ("not_measured_every_interval", notEveryInterval),
            ("rounds_per_rollout_min", p.GetValueOrDefault("store_rounds_per_rollout_min")),
            ("longest_unmeasured_p99_s", p.GetValueOrDefault("store_longest_gap_p99_s")),
            ("longest_unmeasured_max_s", p.GetValueOrDefault("store_longest_gap_max_s")),
            ("standin_never_queried", s.GetProperty("neverMeasured").GetInt32()),
            ("standin_not_queried_every_interval", s.GetProperty("notMeasuredEveryInterval").GetInt32()),
            ("round_lag_p50_s", Round(lagP50)),
            ("round_lag_p99_s", lagOverflow ? $">{lagP99}" : Round(lagP99)),
            ("round_lag_mean_s", lagCount is > 0 ? Round(lagSum / lagCount) : null),
            ("round_lag_goal_s", lagGoal),
            ("rounds", rounds),
            ("rounds_by_outcome", string.Join(' ', outcomes.Select(o => $"{o}:{Delta("rollout_controller_rounds_total", ("outcome", o))}"))),
            ("rounds_per_replica", Join(replicas, r => PerReplica(r - 1, "rollout_controller_rounds_total")?.ToString(CultureInfo.InvariantCulture))),
            ("rounds_failed", failed),
            ("firings_merged", coalesced),
            ("rounds_late", late),
            ("rollouts_late_at_end", Total(scrapes.Select(x => x.After.Sum("rollout_controller_rollouts_late")))),
            ("rounds_queued_at_end", Total(scrapes.Select(x => x.After.Sum("rollout_controller_rounds_queued")))),
            ("queries_per_s", Math.Round(s.GetProperty("queriesPerSecond").GetDouble(), 1)),
            ("queries_per_s_max", s.GetProperty("queriesPerSecondMax").GetInt32()),
            ("query_errors", Delta("rollout_controller_prometheus_query_errors_total")),
            ("query_duration_p99_s", Round(queryP99)),
            ("cpu_cores", Join(replicas, r => Round(PerReplica(r - 1, "process_cpu_seconds_total") / window)?.ToString(CultureInfo.InvariantCulture))),
            ("standin_cpu_cores", p.GetValueOrDefault("standin_cpu_cores")),
            ("rss_mb_at_end", Join(replicas, r => Mb(scrapes[r - 1].After.Sum("process_resident_memory_bytes")))),
            ("rss_peak_mb", Join(replicas, r => p.TryGetValue($"rss_peak_kb_{r}", out var kb) && double.TryParse(kb, CultureInfo.InvariantCulture, out var k) ? Mb(k * 1024) : null)),
            ("ofrep_p50_ms", Probe(probe, "ofrep", "p50Ms")),
            ("ofrep_p99_ms", Probe(probe, "ofrep", "p99Ms")),
            ("ofrep_requests", Probe(probe, "ofrep", "requests")),
            ("ofrep_failed", Probe(probe, "ofrep", "failed")),
            ("list_p50_ms", Probe(probe, "rolloutList", "p50Ms")),
            ("list_p99_ms", Probe(probe, "rolloutList", "p99Ms")),
            ("list_calls", Probe(probe, "rolloutList", "requests")),
            ("list_failed", Probe(probe, "rolloutList", "failed")),
            ("loadavg_start", p.GetValueOrDefault("loadavg_start")),
            ("loadavg_end", p.GetValueOrDefault("loadavg_end")),
            ("goal_met", misses.Count == 0),
            ("goal_misses", misses.Count == 0 ? "none" : string.Join("; ", misses)),
            ("controller", p.GetValueOrDefault("controller")),
            ("commit", p.GetValueOrDefault("commit")),
        };

        var width = fields.Max(f => f.Key.Length);
        foreach (var (key, value) in fields) Console.WriteLine($"{key.PadRight(width)}  {Text(value)}");
        var json = JsonSerializer.Serialize(fields.ToDictionary(f => f.Key, f => f.Value), Json.Options);
        File.WriteAllText(Path.Combine(dir, "summary.json"), json + "\n");
        File.WriteAllText(Path.Combine(dir, "summary.tsv"),
            string.Join('\t', fields.Select(f => f.Key)) + "\n" + string.Join('\t', fields.Select(f => Text(f.Value))) + "\n");
        return 0;
    }

    private static double? Total(IEnumerable<double?> values)
    {
        var known = values.Where(v => v is not null).ToList();
        return known.Count == 0 ? null : known.Sum();
    }

    private static string Join(int replicas, Func<int, string?> value) =>
        string.Join('/', Enumerable.Range(1, replicas).Select(r => value(r) ?? "n/a"));

    /// <summary>A setting the run left to the controller's default.</summary>
    private static string OrDefault(string? setting) => string.IsNullOrEmpty(setting) ? "default" : setting;

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static string? Mb(double? bytes) => bytes is { } b ? (b / (1024 * 1024)).ToString("0", CultureInfo.InvariantCulture) : null;

    private static object? Probe(JsonDocument? probe, string part, string field) =>
        probe is not null && probe.RootElement.TryGetProperty(part, out var p) && p.TryGetProperty(field, out var v) ? v.GetDouble() : null;

    private static string Text(object? value) => value switch
    {
        null => "n/a",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "n/a",
    };
}
