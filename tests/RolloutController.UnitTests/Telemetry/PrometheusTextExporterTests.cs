using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using RolloutController.Telemetry;

namespace RolloutController.UnitTests.Telemetry;

public sealed class PrometheusTextExporterTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddControllerTelemetry().BuildServiceProvider();

    private ControllerMetrics Metrics => _services.GetRequiredService<ControllerMetrics>();

    private string Collect() => _services.GetRequiredService<PrometheusTextExporter>().Collect();

    /// <summary>The lines of one metric family: its HELP, TYPE and samples.</summary>
    private string Family(string name) =>
        string.Join("\n", Collect().Split('\n').Where(l => l.StartsWith(name + "{") || l.StartsWith(name + " ")
            || l.StartsWith(name + "_bucket") || l.StartsWith(name + "_sum") || l.StartsWith(name + "_count")
            || l.StartsWith($"# HELP {name} ") || l.StartsWith($"# TYPE {name} ")));

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Counters_sum_per_label_set_with_total_suffix_and_sorted_series()
    {
        Metrics.Rollbacks.Add(1, new("flag", "b"), new("guardrail", "errors"));
        Metrics.Rollbacks.Add(1, new("guardrail", "errors"), new("flag", "a"));
        Metrics.Rollbacks.Add(2, new("flag", "b"), new("guardrail", "errors"));

        Family("rollout_controller_rollout_rollbacks_total").ShouldBe("""
            # HELP rollout_controller_rollout_rollbacks_total Automatic rollbacks by flag and guardrail.
            # TYPE rollout_controller_rollout_rollbacks_total counter
            rollout_controller_rollout_rollbacks_total{flag="a",guardrail="errors"} 1
            rollout_controller_rollout_rollbacks_total{flag="b",guardrail="errors"} 3
            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Observable_gauges_are_collected_at_scrape_time_and_forget_removed_series()
    {
        Metrics.SetRollout("checkout", "Observing", 10);
        Metrics.SetInvalidPolicyFiles(2);

        Family("rollout_controller_rollout_weight").ShouldBe("""
            # HELP rollout_controller_rollout_weight Percentage of targeting keys served the flag, per flag.
            # TYPE rollout_controller_rollout_weight gauge
            rollout_controller_rollout_weight{flag="checkout"} 10
            """.ReplaceLineEndings("\n"));
        Family("rollout_controller_rollout_phase").ShouldContain("rollout_controller_rollout_phase{flag=\"checkout\",phase=\"Observing\"} 1");
        Family("rollout_controller_policy_invalid_files").ShouldEndWith("rollout_controller_policy_invalid_files 2");

        Metrics.SetRollout("checkout", "Promoting", 50);
        var phases = Family("rollout_controller_rollout_phase");
        phases.ShouldContain("phase=\"Promoting\"} 1");
        phases.ShouldNotContain("Observing");
    }

    [Fact]
    public void Histograms_have_cumulative_buckets_sum_count_and_seconds_suffix()
    {
        Metrics.QueryDuration.Record(0.003, new KeyValuePair<string, object?>("outcome", "value"));
        Metrics.QueryDuration.Record(0.2, new KeyValuePair<string, object?>("outcome", "value"));
        Metrics.QueryDuration.Record(100, new KeyValuePair<string, object?>("outcome", "value"));

        var lines = Family("rollout_controller_prometheus_query_duration_seconds").Split('\n');
        lines[0].ShouldBe("# HELP rollout_controller_prometheus_query_duration_seconds Latency of Prometheus queries, retries included.");
        lines[1].ShouldBe("# TYPE rollout_controller_prometheus_query_duration_seconds histogram");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"value\",le=\"0.005\"} 1");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"value\",le=\"0.1\"} 1");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"value\",le=\"0.25\"} 2");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"value\",le=\"60\"} 2");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"value\",le=\"+Inf\"} 3");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_sum{outcome=\"value\"} 100.203");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_count{outcome=\"value\"} 3");
        lines.Count(l => l.Contains("_bucket")).ShouldBe(HistogramAggregator.LatencyBuckets.Count + 1);
    }

    [Fact]
    public void A_value_on_a_bucket_bound_counts_in_that_bucket()
    {
        Metrics.QueryDuration.Record(0.5);
        var lines = Family("rollout_controller_prometheus_query_duration_seconds").Split('\n');
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{le=\"0.25\"} 0");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{le=\"0.5\"} 1");
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline()
    {
        Metrics.SetGuardrailValue("we\"ird\\flag\nx", "p99", double.NaN);
        Family("rollout_controller_guardrail_value")
            .ShouldEndWith("rollout_controller_guardrail_value{flag=\"we\\\"ird\\\\flag\\nx\",guardrail=\"p99\"} NaN");
    }

    [Fact]
    public void Special_values_and_help_escaping()
    {
        PrometheusText.FormatValue(double.PositiveInfinity).ShouldBe("+Inf");
        PrometheusText.FormatValue(double.NegativeInfinity).ShouldBe("-Inf");
        PrometheusText.FormatValue(0.1).ShouldBe("0.1");
        PrometheusText.EscapeHelp("a\\b\n\"c\"").ShouldBe("a\\\\b\\n\"c\"");
        PrometheusText.SanitizeName("http.server-duration").ShouldBe("http_server_duration");
        PrometheusText.SanitizeName("1st", allowColon: false).ShouldBe("_1st");
    }

    [Fact]
    public void Other_instrument_kinds_map_to_counter_and_gauge()
    {
        _ = Metrics;
        var meter = _services.GetRequiredService<IMeterFactory>().Create(ControllerMetrics.MeterName);
        var inFlight = meter.CreateUpDownCounter<int>("jobs_in_flight", description: "Jobs running.");
        meter.CreateObservableCounter("evaluations_seen", () => 7L, description: "Seen.");
        var temperature = meter.CreateGauge<double>("last_tick", unit: "s");
        inFlight.Add(3);
        inFlight.Add(-1);
        temperature.Record(1.5);

        Family("rollout_controller_jobs_in_flight").ShouldEndWith("# TYPE rollout_controller_jobs_in_flight gauge\nrollout_controller_jobs_in_flight 2");
        Family("rollout_controller_evaluations_seen_total").ShouldEndWith("counter\nrollout_controller_evaluations_seen_total 7");
        Collect().ShouldContain("# TYPE rollout_controller_last_tick_seconds gauge\nrollout_controller_last_tick_seconds 1.5\n");
        Collect().ShouldContain("rollout_controller_evaluations_seen_total 7\n"); // collected again, not summed
        Collect().ShouldNotContain("rollout_controller_evaluations_seen_total 14");
    }

    [Fact]
    public void Metrics_of_another_container_are_not_exported()
    {
        using var other = new ServiceCollection().AddControllerTelemetry().BuildServiceProvider();
        other.GetRequiredService<ControllerMetrics>().SetRollout("elsewhere", "Observing", 1);
        Metrics.SetRollout("here", "Observing", 1);
        var text = Collect();
        text.ShouldContain("flag=\"here\"");
        text.ShouldNotContain("elsewhere");
    }

    [Fact]
    public void Families_are_sorted_and_process_metrics_follow()
    {
        Metrics.Transitions.Add(1, new KeyValuePair<string, object?>("flag", "a"));
        var text = Collect();
        var names = text.Split('\n').Where(l => l.StartsWith("# TYPE ")).Select(l => l.Split(' ')[2]).ToList();
        var controller = names.TakeWhile(n => n.StartsWith(PrometheusTextExporter.NamePrefix)).ToList();
        controller.ShouldBe(controller.Order(StringComparer.Ordinal).ToList());
        controller.Count.ShouldBe(26);
        names.Skip(controller.Count).ShouldBe(["process_cpu_seconds_total", "process_resident_memory_bytes", "process_start_time_seconds"]);
        text.ShouldEndWith("\n");
    }
}
