using System.Diagnostics;
using Prometheus;
using PrometheusMetrics = Prometheus.Metrics;

namespace RolloutController.Telemetry;

/// <summary>
/// The standard <c>process_*</c> metrics that are cheap to read: start time, CPU time, resident memory. Read at each
/// scrape. prometheus-net's own process collector is not used: it names resident memory <c>process_working_set_bytes</c>
/// and adds series the controller does not document.
/// </summary>
internal static class ProcessMetrics
{
    public static void Register(CollectorRegistry registry)
    {
        var factory = PrometheusMetrics.WithCustomRegistry(registry);
        var cpu = factory.CreateCounter("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.");
        var memory = factory.CreateGauge("process_resident_memory_bytes", "Resident memory size in bytes.");
        var start = factory.CreateGauge("process_start_time_seconds", "Start time of the process since unix epoch in seconds.");
        registry.AddBeforeCollectCallback(() =>
        {
            using var process = Process.GetCurrentProcess();
            cpu.IncTo(process.TotalProcessorTime.TotalSeconds);
            memory.Set(process.WorkingSet64);
            start.Set(new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero).ToUnixTimeMilliseconds() / 1000.0);
        });
    }
}
