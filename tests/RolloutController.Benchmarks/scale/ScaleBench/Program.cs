using RolloutController.ScaleBench;

// The scale benchmark's programs, one per verb; tests/RolloutController.Benchmarks/scale/run.sh drives them.
// Usage: scalebench <verb> [--option value ...]   (each verb's options: the class it names)
//   prometheus  stand-in Prometheus: answers /api/v1/query after a set latency and counts queries per flag (StandinPrometheus)
//   policies    writes N rollout policies and the list of their flag keys (PolicyGenerator)
//   probe       light OFREP load and rollout-list calls for a while; latencies as JSON (LatencyProbe)
//   report      one run's summary from the files run.sh collected (RunReport)
try
{
    return args switch
    {
        ["prometheus", .. var rest] => await StandinPrometheus.RunAsync(Arguments.Parse(rest)),
        ["policies", .. var rest] => PolicyGenerator.Run(Arguments.Parse(rest)),
        ["probe", .. var rest] => await LatencyProbe.RunAsync(Arguments.Parse(rest)),
        ["report", .. var rest] => RunReport.Run(Arguments.Parse(rest)),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}

static int Usage()
{
    Console.Error.WriteLine("usage: scalebench prometheus|policies|probe|report [--option value ...]; see docs/benchmarks.md");
    return 2;
}
