using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Dependencies;
using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.IntegrationTests.Telemetry;

/// <summary>The controller's /metrics scraped by the real Prometheus and checked by promtool.</summary>
public sealed class ControllerMetricsScrapeTests : IAsyncLifetime
{
    private static readonly TimeSpan ScrapeWait = TimeSpan.FromSeconds(30);

    private WebApplication _app = null!;
    private Uri _baseUri = null!;

    private ControllerMetrics Metrics => _app.Services.GetRequiredService<ControllerMetrics>();

    public async Task InitializeAsync() =>
        (_app, _baseUri) = await LoopbackWebApp.StartAsync(app => app.MapControllerMetrics(), services => services.AddControllerTelemetry());

    public async Task DisposeAsync() => await LoopbackWebApp.StopAsync(_app);

    private void RecordSomeValues()
    {
        Metrics.SetRollout("x", "Observing", 10);
        Metrics.SetRollout("quote\"d\\flag", "Promoting", 50);
        Metrics.SetGuardrailValue("x", "error-rate", 0.0125);
        Metrics.SetInvalidPolicyFiles(1);
        Metrics.Rollbacks.Add(1, new("flag", "x"), new("guardrail", "error-rate"));
        Metrics.Transitions.Add(2, new("flag", "x"), new("trigger", "Start"));
        Metrics.QueryDuration.Record(0.042, new KeyValuePair<string, object?>("outcome", "value"));
        Metrics.QueryErrors.Add(1, new KeyValuePair<string, object?>("reason", "timeout"));
    }

    [Fact]
    public async Task Prometheus_scrapes_the_controller_metrics()
    {
        RecordSomeValues();
        await using var prometheus = await PrometheusServer.StartAsync([new Uri(_baseUri, "metrics")]);

        var weight = await prometheus.WaitForSeriesAsync("rollout_controller_rollout_weight{flag=\"x\"}", s => s.Count == 1, ScrapeWait);
        weight[0].Value.ShouldBe(10);
        (await prometheus.QueryAsync("rollout_controller_rollout_weight{flag=\"quote\\\"d\\\\flag\"}")).ShouldHaveSingleItem().Value.ShouldBe(50);
        (await prometheus.QueryAsync("rollout_controller_rollout_rollbacks_total{flag=\"x\",guardrail=\"error-rate\"}")).ShouldHaveSingleItem().Value.ShouldBe(1);
        (await prometheus.QueryAsync("rollout_controller_prometheus_query_duration_seconds_count")).ShouldHaveSingleItem().Value.ShouldBe(1);
        (await prometheus.QueryAsync("histogram_quantile(0.5, rollout_controller_prometheus_query_duration_seconds_bucket)"))
            .ShouldHaveSingleItem().Value.ShouldBeInRange(0.025, 0.05);
        (await prometheus.QueryAsync("rollout_controller_policy_invalid_files")).ShouldHaveSingleItem().Value.ShouldBe(1);
        (await prometheus.QueryAsync("process_start_time_seconds")).ShouldHaveSingleItem().Value.ShouldBeGreaterThan(1_600_000_000);
    }

    [Fact]
    public async Task Prometheus_reads_infinite_guardrail_values_as_infinities()
    {
        Metrics.SetGuardrailValue("x", "latency", double.PositiveInfinity);
        Metrics.SetGuardrailValue("x", "headroom", double.NegativeInfinity);
        await using var prometheus = await PrometheusServer.StartAsync([new Uri(_baseUri, "metrics")]);

        var latency = await prometheus.WaitForSeriesAsync("rollout_controller_guardrail_value{guardrail=\"latency\"}", s => s.Count == 1, ScrapeWait);
        latency[0].Value.ShouldBe(double.PositiveInfinity);
        (await prometheus.QueryAsync("rollout_controller_guardrail_value{guardrail=\"headroom\"}")).ShouldHaveSingleItem().Value
            .ShouldBe(double.NegativeInfinity);
    }

    [Fact]
    public async Task Exposition_passes_promtool_check_metrics()
    {
        RecordSomeValues();
        using var http = new HttpClient { BaseAddress = _baseUri };
        using var response = await http.GetAsync("metrics");
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("rollout_controller_rollout_weight{flag=\"x\"} 10\n");

        var (exitCode, output) = await PromtoolCheckMetricsAsync(body);

        exitCode.ShouldBe(0, $"promtool check metrics:\n{output}\nexposition:\n{body}");
        output.Trim().ShouldBeEmpty($"promtool reported lint problems:\n{output}");
    }

    private static async Task<(int ExitCode, string Output)> PromtoolCheckMetricsAsync(string exposition)
    {
        var start = new ProcessStartInfo(RequiredDependency.Executable("promtool", "/usr/bin/promtool"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("metrics");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
