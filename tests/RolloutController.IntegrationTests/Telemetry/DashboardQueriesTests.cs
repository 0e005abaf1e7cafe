using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RolloutController.IntegrationTests.Policies;
using RolloutController.TestUtilities.Prometheus;
using YamlDotNet.RepresentationModel;

namespace RolloutController.IntegrationTests.Telemetry;

/// <summary>
/// Every PromQL expression of the chart's Grafana dashboard and alert rules, evaluated by a real Prometheus scraping a
/// running controller (<see cref="DashboardScenario"/>): each parses, and each dashboard query returns data.
/// </summary>
public sealed partial class DashboardQueriesTests : IClassFixture<DashboardScenario>
{
    private static readonly TimeSpan DataWait = TimeSpan.FromSeconds(60);
    private static readonly string Chart = Path.Combine(RepositoryPaths.Root, "charts", "rollout-controller");
    private static readonly string Dashboard = Path.Combine(Chart, "dashboards", "rollout-controller.json");
    private static readonly string Rules = Path.Combine(Chart, "files", "rollout-controller.rules.yml");

    // Labelled by operation: a series appears with the first failed store call, which this healthy controller never
    // makes. AlertRulesTests checks the controller exposes the family.
    private const string WithoutSeriesUntilAStoreCallFails = "rollout_controller_store_errors_total";

    private readonly DashboardScenario _scenario;

    public DashboardQueriesTests(DashboardScenario scenario) => _scenario = scenario;

    private PrometheusServer Prometheus => _scenario.Prometheus;

    [Fact]
    public async Task Every_dashboard_query_parses_and_returns_data()
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Dashboard))!;
        var queries = PanelQueries(dashboard).ToList();
        queries.Count.ShouldBeGreaterThanOrEqualTo(15);
        var job = (await WaitForDataAsync(VariableQuery(dashboard, "job", "", ""))).ShouldHaveSingleItem().Labels["job"];

        var flags = await WaitForDataAsync(VariableQuery(dashboard, "flag", job, ""));
        flags.Select(s => s.Labels["flag"]).Order().ShouldBe(["dash-erroring", "dash-failing", "dash-ramping"]);
        var empty = new List<string>();
        foreach (var (panel, expr) in queries)
        {
            var query = Substitute(expr, job);
            try
            {
                await WaitForDataAsync(query);
            }
            catch (TimeoutException)
            {
                empty.Add($"{panel}: {query}");
            }
        }

        empty.ShouldBeEmpty("dashboard queries without data:\n" + string.Join('\n', empty) + "\ncontroller log:\n" + _scenario.Controller.Log);
    }

    [Fact]
    public async Task Every_alert_rule_expression_parses_and_its_metrics_have_series()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(await File.ReadAllTextAsync(Rules)));
        var exprs = ((YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode)["groups"]).Cast<YamlMappingNode>()
            .SelectMany(g => (YamlSequenceNode)g["rules"]).Cast<YamlMappingNode>().Select(r => ((YamlScalarNode)r["expr"]).Value!).ToList();
        var job = (await WaitForDataAsync("group by (job) (rollout_controller_rollout_weight)")).ShouldHaveSingleItem().Labels["job"];
        // The last series the scenario creates: the failing flag's notice delivered after its failed attempt.
        await WaitForDataAsync("rollout_controller_notification_deliveries_total{outcome=\"delivered\"}");

        var missing = new List<string>();
        foreach (var expr in exprs)
        {
            // Parses: Prometheus answers without an error (an alert condition that does not hold is an empty answer).
            await Prometheus.QueryAsync(expr.Replace("job=\"rollout-controller\"", $"job=\"{job}\"", StringComparison.Ordinal));
            foreach (var name in MetricName().Matches(expr).Select(m => m.Value).Distinct())
            {
                if (name != WithoutSeriesUntilAStoreCallFails && (await Prometheus.QueryAsync($"group({name}{{job=\"{job}\"}})")).Count == 0)
                    missing.Add($"{name} (in {expr.Trim()})");
            }
        }

        exprs.Count.ShouldBeGreaterThanOrEqualTo(16);
        missing.ShouldBeEmpty("metrics the alert rules select that the scraped controller has no series of");
    }

    /// <summary>Each target's expression of each panel, rows' nested panels included.</summary>
    private static IEnumerable<(string Panel, string Expr)> PanelQueries(JsonNode dashboard)
    {
        var panels = dashboard["panels"]!.AsArray().SelectMany(p => (p!["panels"]?.AsArray() ?? []).Prepend(p));
        foreach (var panel in panels)
            foreach (var target in panel!["targets"]?.AsArray() ?? [])
                yield return (panel["title"]!.GetValue<string>(), target!["expr"]!.GetValue<string>());
    }

    /// <summary>A <c>label_values(selector, label)</c> variable as the PromQL Grafana's data source asks for.</summary>
    private static string VariableQuery(JsonNode dashboard, string name, string job, string flag)
    {
        var variable = dashboard["templating"]!["list"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == name)!;
        var match = LabelValues().Match(variable["query"]!["query"]!.GetValue<string>());
        match.Success.ShouldBeTrue($"variable {name}: not label_values(selector, label)");
        return $"group by ({match.Groups[2].Value}) ({Substitute(match.Groups[1].Value, job, flag)})";
    }

    /// <summary>Grafana's variables as Grafana replaces them: the job found, every flag, a one-minute rate window.</summary>
    private static string Substitute(string expr, string job, string flag = ".*")
    {
        var query = expr.Replace("$job", job, StringComparison.Ordinal).Replace("$flag", flag, StringComparison.Ordinal)
            .Replace("$__rate_interval", "1m", StringComparison.Ordinal);
        query.ShouldNotContain("$", customMessage: $"a variable the test does not know: {query}");
        return query;
    }

    private async Task<IReadOnlyList<PrometheusSample>> WaitForDataAsync(string query)
    {
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var samples = await Prometheus.QueryAsync(query);
            if (samples.Count > 0) return samples;
            if (elapsed.Elapsed > DataWait) throw new TimeoutException($"no data for {query}");
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    [GeneratedRegex(@"^label_values\((.*),\s*(\w+)\)$")]
    private static partial Regex LabelValues();

    [GeneratedRegex("rollout_controller_[a-z_]+")]
    private static partial Regex MetricName();
}
