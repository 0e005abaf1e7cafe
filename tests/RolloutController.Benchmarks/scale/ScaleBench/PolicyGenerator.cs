namespace RolloutController.ScaleBench;

/// <summary>
/// Writes <c>--count</c> rollout policies, one file each (<c>scale-00001.yaml</c>, flag <c>scale-00001</c>), to
/// <c>--dir</c>, and their flag keys, one a line, to <c>--flags</c>. Every policy has three threshold guardrails whose
/// queries differ only in the flag key (so a controller that batches queries per template can batch all of them), the
/// analysis interval <c>--interval</c> (default 10s), and holds of <c>--hold</c> (default 24h): long enough that no
/// rollout advances during a run, so every round is the usual "measure and hold" round.
/// </summary>
internal static class PolicyGenerator
{
    public static int Run(Arguments args)
    {
        var count = args.Int("count");
        var interval = args.Duration("interval", "10s");
        var hold = args.Duration("hold", "24h");
        var dir = args.Text("dir");
        var flagsFile = args.Text("flags");
        if (count < 1) throw new ArgumentException("--count must be at least 1");
        if (interval < TimeSpan.FromSeconds(1)) throw new ArgumentException("--interval must be at least 1s (the controller's minimum)");

        Directory.CreateDirectory(dir);
        var width = Math.Max(5, count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        var keys = new List<string>(count);
        for (var i = 1; i <= count; i++)
        {
            var key = "scale-" + i.ToString(new string('0', width), System.Globalization.CultureInfo.InvariantCulture);
            keys.Add(key);
            File.WriteAllText(Path.Combine(dir, key + ".yaml"), Policy(key, interval, hold));
        }
        File.WriteAllLines(flagsFile, keys);
        Console.WriteLine($"{count} policies in {dir} (interval {Durations.Format(interval)}, 3 guardrails each, holds {Durations.Format(hold)})");
        return 0;
    }

    // Three braces delimit the interpolations, so the policy's own {{ flag }} stays as written.
    private static string Policy(string key, TimeSpan interval, TimeSpan hold) => $$$"""
            apiVersion: rollout-controller/v1
            kind: RolloutPolicy
            metadata:
              name: {{{key}}}
              owner: team-scale
              type: ops
              reason: Scale benchmark
            spec:
              flag: { key: {{{key}}} }
              stages:
                - { weight: 10, hold: {{{Durations.Format(hold)}}} }
                - { weight: 100, hold: {{{Durations.Format(hold)}}} }
              analysis:
                interval: {{{Durations.Format(interval)}}}
                guardrails:
                  - name: error-rate
                    query: sum(rate(http_requests_total{flag="{{ flag }}",variant="on",code=~"5.."}[5m])) / sum(rate(http_requests_total{flag="{{ flag }}",variant="on"}[5m]))
                    max: 0.01
                  - name: p99-latency
                    query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{flag="{{ flag }}",variant="on"}[5m])))
                    max: 1.5
                  - name: saturation
                    query: avg(rate(process_cpu_seconds_total{flag="{{ flag }}",variant="on"}[5m]))
                    max: 0.8

            """;
}
