using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Telemetry;

namespace RolloutController.UnitTests.Telemetry;

/// <summary>The controller's instruments as prometheus-net exports them: names, types, labels, buckets, escaping.</summary>
public sealed partial class ControllerMetricsExportTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddControllerTelemetry().BuildServiceProvider();

    private ControllerMetrics Metrics => _services.GetRequiredService<ControllerMetrics>();

    private string Collect() => MetricsExposition.Collect(_services);

    /// <summary>The lines of one metric family: its HELP, TYPE and samples.</summary>
    private string[] Family(string name) =>
        [.. Collect().Split('\n').Where(l => l.StartsWith(name + "{") || l.StartsWith(name + " ")
            || l.StartsWith(name + "_bucket") || l.StartsWith(name + "_sum") || l.StartsWith(name + "_count")
            || l.StartsWith($"# HELP {name} ") || l.StartsWith($"# TYPE {name} "))];

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Counters_sum_per_label_set_with_total_suffix_and_labels_in_name_order()
    {
        Metrics.Rollbacks.Add(1, new("flag", "b"), new("guardrail", "errors"));
        Metrics.Rollbacks.Add(1, new("guardrail", "errors"), new("flag", "a"));
        Metrics.Rollbacks.Add(2, new("flag", "b"), new("guardrail", "errors"));

        var lines = Family("rollout_controller_rollout_rollbacks_total");
        lines.Take(2).ShouldBe([
            "# HELP rollout_controller_rollout_rollbacks_total Automatic rollbacks by flag and guardrail.",
            "# TYPE rollout_controller_rollout_rollbacks_total counter",
        ]);
        lines.Skip(2).Order(StringComparer.Ordinal).ShouldBe([
            "rollout_controller_rollout_rollbacks_total{flag=\"a\",guardrail=\"errors\"} 1",
            "rollout_controller_rollout_rollbacks_total{flag=\"b\",guardrail=\"errors\"} 3",
        ]);
    }

    [Fact]
    public void A_counter_without_labels_is_exported_at_zero_before_its_first_increment()
    {
        _ = Metrics;
        Family("rollout_controller_rounds_late_total").ShouldContain("rollout_controller_rounds_late_total 0");
        Metrics.LateRounds.Add(1);
        Family("rollout_controller_rounds_late_total").ShouldContain("rollout_controller_rounds_late_total 1");
    }

    [Fact]
    public void Observable_gauges_are_collected_at_scrape_time_and_forget_removed_series()
    {
        Metrics.SetRollout("checkout", "Observing", 10);
        Metrics.SetInvalidPolicyFiles(2);

        Family("rollout_controller_rollout_weight").ShouldBe([
            "# HELP rollout_controller_rollout_weight Percentage of targeting keys served the flag, per flag.",
            "# TYPE rollout_controller_rollout_weight gauge",
            "rollout_controller_rollout_weight{flag=\"checkout\"} 10",
        ]);
        Family("rollout_controller_rollout_phase").ShouldContain("rollout_controller_rollout_phase{flag=\"checkout\",phase=\"Observing\"} 1");
        Family("rollout_controller_policy_invalid_files").Last().ShouldBe("rollout_controller_policy_invalid_files 2");

        Metrics.SetRollout("checkout", "Promoting", 50);
        var phases = string.Join("\n", Family("rollout_controller_rollout_phase"));
        phases.ShouldContain("phase=\"Promoting\"} 1");
        phases.ShouldNotContain("Observing");
    }

    [Fact]
    public void Histograms_have_cumulative_buckets_sum_count_and_seconds_suffix()
    {
        Metrics.QueryDuration.Record(0.003, new KeyValuePair<string, object?>("outcome", "value"));
        Metrics.QueryDuration.Record(0.2, new KeyValuePair<string, object?>("outcome", "value"));
        Metrics.QueryDuration.Record(100, new KeyValuePair<string, object?>("outcome", "value"));

        var lines = Family("rollout_controller_prometheus_query_duration_seconds");
        lines[0].ShouldBe("# HELP rollout_controller_prometheus_query_duration_seconds Latency of Prometheus queries, retries included.");
        lines[1].ShouldBe("# TYPE rollout_controller_prometheus_query_duration_seconds histogram");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"value\",le=\"0.005\"} 1");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"value\",le=\"0.1\"} 1");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"value\",le=\"0.25\"} 2");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"value\",le=\"60\"} 2");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"value\",le=\"+Inf\"} 3");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_sum{outcome=\"value\"} 100.203");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_count{outcome=\"value\"} 3");
        lines.Count(l => l.Contains("_bucket")).ShouldBe(ControllerMetrics.LatencyBuckets.Count + 1);
    }

    [Fact]
    public void Round_lag_keeps_its_buckets_from_10_ms_to_15_minutes()
    {
        Metrics.RoundLag.Record(42);
        var bounds = Family("rollout_controller_round_lag_seconds").Where(l => l.Contains("_bucket"))
            .Select(l => Regex.Match(l, "le=\"([^\"]+)\"").Groups[1].Value).ToList();
        bounds.ShouldBe(["0.01", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "30", "60", "300", "900", "+Inf"]);
    }

    [Fact]
    public void A_value_on_a_bucket_bound_counts_in_that_bucket_and_a_missing_tag_is_an_empty_label()
    {
        Metrics.QueryDuration.Record(0.5);
        var lines = Family("rollout_controller_prometheus_query_duration_seconds");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"\",le=\"0.25\"} 0");
        lines.ShouldContain("rollout_controller_prometheus_query_duration_seconds_bucket{outcome=\"\",le=\"0.5\"} 1");
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline_and_special_values_are_written()
    {
        Metrics.SetGuardrailValue("we\"ird\\flag\nx", "p99", double.NaN);
        Metrics.SetGuardrailValue("hot", "p99", double.PositiveInfinity);
        Metrics.SetGuardrailValue("cold", "p99", double.NegativeInfinity);

        var lines = Family("rollout_controller_guardrail_value");
        lines.ShouldContain("rollout_controller_guardrail_value{flag=\"we\\\"ird\\\\flag\\nx\",guardrail=\"p99\"} NaN");
        // prometheus-net writes infinities as .NET formats them; Prometheus (Go's ParseFloat) reads them as ±Inf.
        lines.ShouldContain("rollout_controller_guardrail_value{flag=\"hot\",guardrail=\"p99\"} Infinity");
        lines.ShouldContain("rollout_controller_guardrail_value{flag=\"cold\",guardrail=\"p99\"} -Infinity");
    }

    [Fact]
    public void Negative_counter_increments_and_tags_that_are_not_declared_are_not_exported()
    {
        Metrics.QueryErrors.Add(-1, new KeyValuePair<string, object?>("reason", "timeout"));
        Metrics.QueryErrors.Add(1, new("reason", "timeout"), new("secret", "token"));

        Family("rollout_controller_prometheus_query_errors_total").Last()
            .ShouldBe("rollout_controller_prometheus_query_errors_total{reason=\"timeout\"} 1");
        Collect().ShouldNotContain("secret");
    }

    [Fact]
    public void Metrics_of_another_container_are_not_exported()
    {
        using var other = new ServiceCollection().AddControllerTelemetry().BuildServiceProvider();
        other.GetRequiredService<ControllerMetrics>().SetRollout("elsewhere", "Observing", 1);
        other.GetRequiredService<ControllerMetrics>().Transitions.Add(5, new("flag", "elsewhere"), new("trigger", "start"));
        Metrics.SetRollout("here", "Observing", 1);

        var text = Collect();
        text.ShouldContain("flag=\"here\"");
        text.ShouldNotContain("elsewhere");
        MetricsExposition.Collect(other).ShouldNotContain("flag=\"here\"");
    }

    [Fact]
    public void The_exposition_holds_the_controller_and_process_families_and_nothing_else()
    {
        var families = Collect().Split('\n').Where(l => l.StartsWith("# TYPE ")).Select(l => l.Split(' ')[2]).ToList();

        families.ShouldBeUnique();
        families.Count(n => n.StartsWith(PrometheusName.Prefix)).ShouldBe(Metrics.Exported.Count);
        families.Where(n => !n.StartsWith(PrometheusName.Prefix)).Order(StringComparer.Ordinal)
            .ShouldBe(["process_cpu_seconds_total", "process_resident_memory_bytes", "process_start_time_seconds"]);
    }

    [Fact]
    public void Every_metric_has_the_name_type_and_labels_docs_observability_md_lists()
    {
        var documented = DocumentedMetrics();
        var exposition = Collect();
        var types = exposition.Split('\n').Where(l => l.StartsWith("# TYPE "))
            .ToDictionary(l => l.Split(' ')[2], l => l.Split(' ')[3]);
        var exported = Metrics.Exported.ToDictionary(e => PrometheusName.Of(e.Instrument), e => e.LabelNames.Order().ToList());

        types.Keys.Order(StringComparer.Ordinal).ShouldBe(documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, (type, labels)) in documented)
        {
            types[name].ShouldBe(type, name);
            if (exported.TryGetValue(name, out var declared)) declared.ShouldBe(labels.Order().ToList(), name);
        }
    }

    /// <summary>The rows of the metrics table in docs/observability.md: name, type, label names.</summary>
    private static Dictionary<string, (string Type, List<string> Labels)> DocumentedMetrics()
    {
        var rows = File.ReadLines(Path.Combine(RepositoryLayout.Root, "docs", "observability.md"))
            .Select(l => MetricRow().Match(l)).Where(m => m.Success);
        return rows.ToDictionary(m => m.Groups["name"].Value, m => (m.Groups["type"].Value,
            Regex.Matches(m.Groups["labels"].Value, "`([a-z_]+)`").Select(l => l.Groups[1].Value).ToList()));
    }

    [GeneratedRegex(@"^\| `(?<name>(rollout_controller|process)_[a-z_]+)` \| (?<type>counter|gauge|histogram) \| (?<labels>[^|]*) \|")]
    private static partial Regex MetricRow();
}
