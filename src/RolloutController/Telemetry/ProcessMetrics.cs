using System.Diagnostics;
using System.Text;

namespace RolloutController.Telemetry;

/// <summary>The standard <c>process_*</c> metrics that are cheap to read: start time, CPU time, resident memory.</summary>
internal static class ProcessMetrics
{
    public static void Write(StringBuilder output)
    {
        using var process = Process.GetCurrentProcess();
        var start = new DateTimeOffset(process.StartTime.ToUniversalTime(), TimeSpan.Zero);
        PrometheusText.AppendHeader(output, "process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.");
        PrometheusText.AppendSample(output, "process_cpu_seconds_total", "", process.TotalProcessorTime.TotalSeconds);
        PrometheusText.AppendHeader(output, "process_resident_memory_bytes", "gauge", "Resident memory size in bytes.");
        PrometheusText.AppendSample(output, "process_resident_memory_bytes", "", process.WorkingSet64);
        PrometheusText.AppendHeader(output, "process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.");
        PrometheusText.AppendSample(output, "process_start_time_seconds", "", start.ToUnixTimeMilliseconds() / 1000.0);
    }
}
