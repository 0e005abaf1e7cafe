using System.Text.Json;
using RolloutController.Cli;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.IntegrationTests.Cli;

/// <summary>rolloutctl's operator verbs in-process against a running controller: output, exit codes, environment variables.</summary>
[Collection(ControllerCollection.Name)]
public sealed class RolloutCtlTests(GuardrailMetricsFixture fixture) : IAsyncLifetime
{
    private const string Flag = "cli-checkout";
    private const string Other = "cli-search";
    private RunningController _controller = null!;

    private string Server => _controller.BaseUri.ToString();

    public async Task InitializeAsync() =>
        _controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag), TestPolicy.FourStages(Other)]);

    public async Task DisposeAsync() => await _controller.DisposeAsync();

    private Task<CliResult> RunAsync(params string[] args) => CliResult.RunAsync([.. args, "--server", Server]);

    [Fact]
    public async Task List_prints_a_table_of_every_rollout()
    {
        var result = await RunAsync("list");

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("FLAG");
        lines[0].ShouldContain("PHASE");
        lines[0].ShouldContain("HOLD LEFT");
        lines[1].ShouldStartWith(Flag);
        lines[1].ShouldContain("Observing");
        lines[1].ShouldContain("1/4");
        lines[1].ShouldContain("1%");
        lines[1].ShouldMatch(@" (1h00m|59m\d\ds) ");
        lines[2].ShouldStartWith(Other);
        result.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task List_as_json_is_the_api_shape()
    {
        var result = await RunAsync("list", "-o", "json");

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        var page = JsonDocument.Parse(result.Stdout).RootElement;
        page.GetProperty("total").GetInt32().ShouldBe(2);
        page.GetProperty("next").ValueKind.ShouldBe(JsonValueKind.Null);
        var list = page.GetProperty("rollouts");
        list.EnumerateArray().Select(r => r.GetProperty("flag").GetString()).ShouldBe([Flag, Other]);
        list[0].GetProperty("phase").GetString().ShouldBe("Observing");
        list[0].GetProperty("weight").GetDecimal().ShouldBe(1m);
    }

    [Fact]
    public async Task Status_shows_guardrails_and_history()
    {
        await _controller.Api.WaitForRolloutAsync(Flag,
            d => d.GetProperty("guardrails")[0].GetProperty("last").ValueKind == JsonValueKind.Object, TimeSpan.FromSeconds(10), "measured");
        await _controller.Api.CommandOkAsync(Flag, "pause", "checking dashboards");

        var result = await RunAsync("status", Flag);

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Stdout.ShouldContain($"Flag:      {Flag}");
        result.Stdout.ShouldContain("Phase:     Paused — checking dashboards");
        result.Stdout.ShouldMatch(@"Stage:     1 of 4 at 1%; hold left (1h00m|59m\d\ds) \(not counting while paused\)");
        result.Stdout.ShouldContain("Plan:      1% for 1h → 10% for 1h → 50% for 1h → 100% for 1h");
        result.Stdout.ShouldContain("Guardrails:");
        var guardrail = result.Stdout.Split('\n').Single(l => l.StartsWith(TestPolicy.GuardrailName, StringComparison.Ordinal));
        guardrail.ShouldContain("max 0.01");
        guardrail.ShouldContain("pass");
        guardrail.ShouldContain("0.001");
        guardrail.ShouldContain("0/1");
        result.Stdout.ShouldContain("History (newest first):");
        var history = result.Stdout[result.Stdout.IndexOf("History (newest first):", StringComparison.Ordinal)..].Split('\n');
        history[1].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ShouldBe(["AT", "EVENT", "WEIGHT", "BY", "WHY"]);
        history[2].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1..]
            .ShouldBe(["pause Observing→Paused", "1%→1%", TestTokens.OperatorName, "checking dashboards"]);
        history[3].ShouldContain("start Pending→Observing");
    }

    [Fact]
    public async Task Status_as_json_is_the_api_shape()
    {
        var result = await RunAsync("status", Flag, "--output", "json");

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        var detail = JsonDocument.Parse(result.Stdout).RootElement;
        detail.GetProperty("rollout").GetProperty("flag").GetString().ShouldBe(Flag);
        detail.GetProperty("plan").GetArrayLength().ShouldBe(4);
    }

    [Fact]
    public async Task Status_of_an_unknown_flag_exits_5()
    {
        var result = await RunAsync("status", "nope");

        result.Exit.ShouldBe(ExitCodes.NotFound, result.ToString());
        result.Stderr.ShouldBe("error: 404 flag not found: no Flag document or policy in force declares flag 'nope'" + Environment.NewLine);
        result.Stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Pause_without_a_token_exits_4()
    {
        var result = await RunAsync("pause", Flag, "--reason", "no token");

        result.Exit.ShouldBe(ExitCodes.Unauthorized, result.ToString());
        result.Stderr.ShouldContain("401 missing or unknown API token");
    }

    [Fact]
    public async Task Pause_with_a_viewer_token_exits_4()
    {
        var result = await RunAsync("pause", Flag, "--reason", "viewer", "--token", TestTokens.Viewer);

        result.Exit.ShouldBe(ExitCodes.Unauthorized, result.ToString());
        result.Stderr.ShouldContain("403 forbidden");
    }

    [Fact]
    public async Task Pause_with_token_and_reason_exits_0_and_is_recorded()
    {
        var result = await RunAsync("pause", Flag, "--token", TestTokens.Operator, "--reason", "INC-77 under investigation");

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Stdout.ShouldBe($"{Flag}: Paused at 1% (stage 1 of 4){Environment.NewLine}");
        var entry = (await _controller.Api.GetRolloutAsync(Flag)).GetProperty("history")[0];
        entry.GetProperty("actor").GetString().ShouldBe(TestTokens.OperatorName);
        entry.GetProperty("reason").GetString().ShouldBe("INC-77 under investigation");
    }

    [Fact]
    public async Task Pause_without_a_reason_is_a_usage_error()
    {
        var result = await RunAsync("pause", Flag, "--token", TestTokens.Operator);

        result.Exit.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Stderr.ShouldContain("--reason");
        ControllerApiClient.Phase(await _controller.Api.GetRolloutAsync(Flag)).ShouldBe("Observing");
    }

    [Fact]
    public async Task Resume_of_a_running_rollout_exits_1_with_the_refusal()
    {
        var result = await RunAsync("resume", Flag, "--token", TestTokens.Operator, "-r", "go on");

        result.Exit.ShouldBe(ExitCodes.Failed, result.ToString());
        result.Stderr.ShouldContain("409 refused: cannot resume a rollout that is Observing");
    }

    [Fact]
    public async Task Abort_then_resume_restarts_and_json_output_has_the_new_state()
    {
        (await RunAsync("abort", Other, "--token", TestTokens.Operator, "-r", "kill")).Exit.ShouldBe(ExitCodes.Ok);

        var result = await RunAsync("resume", Other, "--token", TestTokens.Operator, "-r", "fixed", "-o", "json");

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        var detail = JsonDocument.Parse(result.Stdout).RootElement;
        detail.GetProperty("rollout").GetProperty("phase").GetString().ShouldBe("Observing");
        detail.GetProperty("history")[0].GetProperty("trigger").GetString().ShouldBe("restart");
    }

    [Fact]
    public async Task Unreachable_server_exits_3()
    {
        var closed = StubHttpServer.ClosedPortUri().ToString();

        var result = await CliResult.RunAsync("list", "--server", closed);

        result.Exit.ShouldBe(ExitCodes.Unreachable, result.ToString());
        result.Stderr.ShouldContain($"cannot reach the controller at {closed}");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("ftp://127.0.0.1:8080")]
    public async Task A_malformed_server_url_is_a_usage_error(string server)
    {
        var result = await CliResult.RunAsync("status", Flag, "--server", server);

        result.Exit.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Stderr.ShouldBe($"error: --server must be an absolute http or https URL such as http://127.0.0.1:8080, got '{server}'{Environment.NewLine}");
    }

    [Fact]
    public async Task Server_url_without_a_trailing_slash_works()
    {
        var result = await CliResult.RunAsync("status", Flag, "--server", Server.TrimEnd('/'));

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
    }

    [Fact]
    public async Task Server_and_token_come_from_the_environment()
    {
        var (server, token) = (Environment.GetEnvironmentVariable("ROLLOUTCTL_SERVER"), Environment.GetEnvironmentVariable("ROLLOUTCTL_TOKEN"));
        Environment.SetEnvironmentVariable("ROLLOUTCTL_SERVER", Server);
        Environment.SetEnvironmentVariable("ROLLOUTCTL_TOKEN", TestTokens.Operator);
        try
        {
            var result = await CliResult.RunAsync("pause", Flag, "-r", "from the environment");

            result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
            (await _controller.Api.GetRolloutAsync(Flag)).GetProperty("history")[0].GetProperty("actor").GetString()
                .ShouldBe(TestTokens.OperatorName);

            // An explicit option wins over the environment.
            var viewer = await CliResult.RunAsync("resume", Flag, "-r", "x", "--token", TestTokens.Viewer);
            viewer.Exit.ShouldBe(ExitCodes.Unauthorized, viewer.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("ROLLOUTCTL_SERVER", server);
            Environment.SetEnvironmentVariable("ROLLOUTCTL_TOKEN", token);
        }
    }
}
