using System.Text.Json.Nodes;
using RolloutController.TestUtilities.Prometheus;
using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Webhooks;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>
/// Given a policy, the whole product runs for real: the controller process on SQLite, the sample service sending
/// simulated traffic that asks for the flag over OFREP, a real Prometheus scraping both, and a webhook receiver as
/// on-call. Tests then act (inject errors, kill the controller) and assert on what a user would see.
/// </summary>
internal sealed class RolloutScenario : IAsyncDisposable
{
    public const string Flag = "new-checkout";
    public const string Runbook = "https://wiki.example.com/runbooks/new-checkout";

    private readonly string _work;

    private RolloutScenario(string work, ControllerProcess controller, SampleServiceProcess service, PrometheusServer prometheus, WebhookReceiver oncall)
    {
        _work = work;
        Controller = controller;
        Service = service;
        Prometheus = prometheus;
        OnCall = oncall;
    }

    public ControllerProcess Controller { get; }
    public SampleServiceProcess Service { get; }
    public PrometheusServer Prometheus { get; }
    public WebhookReceiver OnCall { get; }

    /// <summary>The controller's SQLite database, for scenarios that edit it by hand as an attacker or a broken disk would.</summary>
    public string DatabasePath => Path.Combine(_work, "rollouts.db");

    /// <summary>The policy file the controller watches, for scenarios that change it while it runs.</summary>
    public string PolicyPath => Path.Combine(_work, "policies", $"{Flag}.yaml");

    /// <param name="settings">More controller configuration (e.g. more channels for the "oncall" route), as an operator would add.</param>
    /// <param name="specYaml">More lines of the policy's <c>spec</c> (windows, startAt, mode), indented by two spaces.</param>
    /// <param name="cohort">The variant label the guardrails measure: <c>on</c> (the canary), or <c>off</c> for a dry run, whose
    /// traffic is all served off.</param>
    /// <param name="provider">The policy's <c>spec.flag.provider</c>: a flag platform connection named in <paramref name="settings"/>.</param>
    public static async Task<RolloutScenario> GivenPolicyAsync(
        string stagesYaml, int requestsPerSecond = 300, Func<Uri, IReadOnlyDictionary<string, string?>>? settings = null, string specYaml = "",
        string cohort = "on", string provider = "builtin")
    {
        var work = Directory.CreateTempSubdirectory("rollout-e2e-").FullName;
        var policies = Directory.CreateDirectory(Path.Combine(work, "policies")).FullName;
        await File.WriteAllTextAsync(Path.Combine(policies, $"{Flag}.yaml"), Policy(stagesYaml, provider).Replace("variant=\"on\"", $"variant=\"{cohort}\"", StringComparison.Ordinal) + "\n" + specYaml);

        var oncall = await WebhookReceiver.StartAsync();
        var controllerPort = FreePort.Next();
        var controllerUrl = new Uri($"http://127.0.0.1:{controllerPort}/");
        var service = await SampleServiceProcess.StartAsync(controllerUrl, Flag, requestsPerSecond);
        var prometheus = await PrometheusServer.StartAsync([service.MetricsUrl, new Uri(controllerUrl, "metrics")]);
        var controller = await ControllerProcess.StartAsync(work, policies, prometheus.BaseUri, oncall.HookUrl, controllerPort,
            settings: settings?.Invoke(controllerUrl));
        return new RolloutScenario(work, controller, service, prometheus, oncall);
    }

    /// <summary>Waits until the rollout's status satisfies <paramref name="condition"/>; returns that status.</summary>
    public async Task<JsonNode> WaitForAsync(Func<JsonNode, bool> condition, TimeSpan timeout, string what)
    {
        JsonNode? last = null;
        await HttpWait.UntilAsync(async () =>
        {
            try { last = await Controller.StatusAsync(Flag); }
            catch (HttpRequestException) { return false; }
            return condition(last);
        }, timeout, () => $"timed out waiting for {what}; last status:\n{last?.ToJsonString()}\n--- controller log ---\n{Tail(Controller.Log)}");
        return last!;
    }

    /// <summary>Runs <c>rolloutctl</c> against the controller with the operator token, as on-call would; its exit code and output.</summary>
    public Task<(int Exit, string Output)> RolloutCtlAsync(params string[] args) => RolloutCtlWithTokenAsync(ControllerProcess.OperatorToken, args);

    /// <summary>Runs <c>rolloutctl</c> against the controller with <paramref name="token"/> (another role); its exit code and output.</summary>
    public async Task<(int Exit, string Output)> RolloutCtlWithTokenAsync(string token, params string[] args)
    {
        await using var cli = ChildProcess.StartDotnet(RepositoryLayout.BuiltAssembly("RolloutController", "rolloutctl.dll"),
            [.. args, "--server", Controller.BaseUrl.ToString(), "--token", token]);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(30));
        return (exit, cli.Log);
    }

    public static string Phase(JsonNode status) => status["rollout"]!["phase"]!.GetValue<string>();

    public static int Stage(JsonNode status) => status["rollout"]!["stage"]!.GetValue<int>();

    public static IReadOnlyList<JsonNode> History(JsonNode status) => status["history"]!.AsArray().Select(n => n!).Reverse().ToList();

    public async ValueTask DisposeAsync()
    {
        await Controller.DisposeAsync();
        await Service.DisposeAsync();
        await Prometheus.DisposeAsync();
        await OnCall.DisposeAsync();
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { }
    }

    /// <summary>Where the flag stands on its platform (<c>InSync</c>, <c>RollbackPending</c>, ...), from the rollout's status.</summary>
    public static string? PlatformStatus(JsonNode status) => status["platform"]?["status"]?.GetValue<string>();

    /// <summary>Whether the platform reads back as serving <paramref name="weight"/> percent.</summary>
    public static bool PlatformServes(JsonNode status, decimal weight) =>
        status["platform"]?["servedWeight"] is JsonValue served
        && decimal.Parse(served.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) == weight;

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(40));

    // Error rate, p99 latency and a business metric of the flag-on cohort, over windows short enough for seconds-long holds.
    private static string Policy(string stagesYaml, string provider) => $$$"""
        apiVersion: rollout-controller/v1
        kind: RolloutPolicy
        metadata:
          name: {{{Flag}}}
          owner: team-payments
          runbook: {{{Runbook}}}
          type: release
          reason: One-page checkout
          removal:
            criterion: at 100% for 7 days
            reviewBy: 2026-12-15
        spec:
          flag: { key: {{{Flag}}}, provider: {{{provider}}} }
          stages:
        {{{stagesYaml}}}
          analysis:
            interval: 1s
            guardrails:
              - name: error-rate
                query: sum(rate(http_requests_total{flag="{{ flag }}",variant="on",code=~"5.."}[10s])) / sum(rate(http_requests_total{flag="{{ flag }}",variant="on"}[10s]))
                max: 0.05
                failureLimit: 2
              - name: p99-latency-seconds
                query: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{flag="{{ flag }}",variant="on"}[10s])))
                max: 0.8
              - name: checkout-conversion
                query: sum(rate(checkout_completed_total{flag="{{ flag }}",variant="on"}[30s])) / sum(rate(checkout_started_total{flag="{{ flag }}",variant="on"}[30s]))
                min: 0.05
                # At 1% a 30 s window holds a few dozen checkouts: tolerate a few thin readings at the start of a stage.
                failureLimit: 5
          notify: [oncall]
        """;
}
