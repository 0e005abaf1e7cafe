using System.Text.Json.Nodes;
using RolloutController.Cli;
using RolloutController.ConsoleOutput;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Prometheus;
using Spectre.Console;

namespace RolloutController.IntegrationTests.Cli;

/// <summary><c>rolloutctl watch</c> against a running controller: snapshots until the rollout ends, and the exit code.</summary>
[Collection(ControllerCollection.Name)]
public sealed class WatchCommandTests(GuardrailMetricsFixture fixture) : IAsyncLifetime
{
    private const string Ramp = "cli-watch-ramp";
    private const string Failing = "cli-watch-failing";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private RunningController _controller = null!;

    private string Server => _controller.BaseUri.ToString();

    public async Task InitializeAsync() => _controller = await fixture.Metrics.StartControllerAsync(
    [
        new TestPolicy(Ramp, [(10m, "2s"), (100m, "2s")]),
        TestPolicy.FourStages(Failing),
    ]);

    public async Task DisposeAsync() => await _controller.DisposeAsync();

    // Snapshots are separated by a blank line; after the last one, a blank line and the closing line.
    private static (string[] Snapshots, string Closing) Read(CliResult result)
    {
        var chunks = result.Stdout.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        return (chunks[..^1], chunks[^1].TrimEnd('\n'));
    }

    private static string[] Cells(string row) => row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Watch_shows_the_ramp_stage_by_stage_until_it_completes_and_exits_0()
    {
        var result = await CliResult.RunAsync("watch", Ramp, "--every", "500ms", "--server", Server).WaitAsync(Patience);

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        result.Stderr.ShouldBeEmpty();
        var (snapshots, closing) = Read(result);
        snapshots.Length.ShouldBeGreaterThan(2, result.ToString());
        snapshots[0].Split('\n')[0].ShouldMatch($@"^{Ramp}  (Pending|Observing)  \d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ$");
        snapshots.ShouldContain(s => s.Contains("Stage:     1 of 2\nWeight:    10%\nHold left: ", StringComparison.Ordinal), result.ToString());
        snapshots.ShouldContain(s => s.Contains("Stage:     2 of 2\nWeight:    100%\nHold left: ", StringComparison.Ordinal), result.ToString());
        snapshots.SelectMany(s => s.Split('\n')).Where(l => l.StartsWith("Hold left: ", StringComparison.Ordinal))
            .ShouldAllBe(l => l == "Hold left: -" || l == "Hold left: 0s of 2s" || l == "Hold left: 1s of 2s" || l == "Hold left: 2s of 2s");
        snapshots[0].Split('\n').ShouldContain(l => Cells(l).SequenceEqual(new[] { "GUARDRAIL", "VALUE", "BOUND", "VERDICT", "FAILS" }));

        // Once measured, the guardrail's latest value stands against its bound with its verdict and failure run.
        var last = snapshots[^1].Split('\n');
        last[0].ShouldStartWith($"{Ramp}  Completed  ");
        last.ShouldContain("Hold left: -");
        Cells(last.Single(l => l.StartsWith(TestPolicy.GuardrailName, StringComparison.Ordinal)))
            .ShouldBe([TestPolicy.GuardrailName, "0.001", "max 0.01", "pass", "0/1"]);
        closing.ShouldBe($"{Ramp}: Completed at 100% (stage 2 of 2)");
    }

    [Fact]
    public async Task On_a_terminal_watch_redraws_in_place_and_colours_the_phase()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = await RolloutCtl.RunAsync(["watch", Ramp, "--every", "500ms", "--server", Server],
            Consoles.Rich(stdout, ColorSystemSupport.Standard), stderr, TimeProvider.System).WaitAsync(Patience);

        exit.ShouldBe(ExitCodes.Ok, stderr.ToString());
        var text = stdout.ToString();
        text.ShouldContain("\u001b[?25l"); // the live display hides the cursor while it redraws
        text.ShouldContain("╭");
        text.ShouldContain("Ctrl+C to stop");
        text.ShouldContain($"{Ramp}: \u001b[32mCompleted\u001b[0m at 100% (stage 2 of 2)");
    }

    [Fact]
    public async Task Watch_exits_1_when_the_rollout_rolls_back()
    {
        var watch = CliResult.RunAsync("watch", Failing, "--every", "500ms", "--server", Server);
        await fixture.Metrics.SetErrorRatioAsync(0.5, Failing);

        var result = await watch.WaitAsync(Patience);

        result.Exit.ShouldBe(ExitCodes.Failed, result.ToString());
        var (snapshots, closing) = Read(result);
        snapshots[0].ShouldContain("Weight:    1%");
        var last = snapshots[^1].Split('\n');
        last[0].ShouldStartWith($"{Failing}  RolledBack  ");
        last.ShouldContain("Weight:    0%");
        Cells(last.Single(l => l.StartsWith(TestPolicy.GuardrailName, StringComparison.Ordinal)))[..4]
            .ShouldBe([TestPolicy.GuardrailName, "0.5", "max 0.01", "fail"]);
        closing.ShouldBe($"{Failing}: RolledBack at 0% (stage 1 of 4)");
    }

    [Fact]
    public async Task Ctrl_c_stops_watching_with_exit_130_and_no_error()
    {
        using var stop = new CancellationTokenSource();
        var watch = CliResult.RunAsync(["watch", Failing, "--every", "1s", "--server", Server], stop.Token);
        await _controller.Api.WaitForRolloutAsync(Failing, d => ControllerApiClient.Phase(d) == "Observing", TimeSpan.FromSeconds(10), "observing");
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        await stop.CancelAsync();
        var result = await watch.WaitAsync(Patience);

        result.Exit.ShouldBe(ExitCodes.Interrupted, result.ToString());
        result.Stderr.ShouldBeEmpty();
        result.Stdout.ShouldStartWith($"{Failing}  Observing  ");
        result.Stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n')[^1]
            .ShouldBe($"Stopped watching; {Failing}: Observing at 1% (stage 1 of 4)");
    }

    [Fact]
    public async Task Watch_of_an_unknown_flag_exits_5()
    {
        var result = await CliResult.RunAsync("watch", "nope", "--server", Server).WaitAsync(Patience);

        result.Exit.ShouldBe(ExitCodes.NotFound, result.ToString());
        result.Stderr.ShouldContain("404 rollout not found");
        result.Stdout.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2 seconds")]
    [InlineData("100ms")]
    public async Task A_bad_every_is_a_usage_error(string every)
    {
        var result = await CliResult.RunAsync("watch", Ramp, "--every", every, "--server", Server);

        result.Exit.ShouldBe(ExitCodes.Usage, result.ToString());
        result.Stderr.ShouldContain("--every");
    }

    [Fact]
    public async Task Status_and_watch_show_blocked_and_permitted_when_the_controller_reports_them()
    {
        var detail = JsonNode.Parse((await _controller.Api.GetRolloutAsync(Failing)).GetRawText())!.AsObject();
        detail["blocked"] = new JsonArray("hold: 59m left", "error-rate: inconclusive");
        detail["permitted"] = new JsonArray("pause", "promote", "abort");
        await using var stub = await StubHttpServer.StartAsync();
        stub.Respond(StubResponse.Json(detail.ToJsonString()));

        var status = await CliResult.RunAsync("status", Failing, "--server", stub.BaseUri.ToString());

        status.Exit.ShouldBe(ExitCodes.Ok, status.ToString());
        status.Stdout.ShouldContain("""
            Blocked:   hold: 59m left
                       error-rate: inconclusive
            Permitted: pause, promote, abort
            """.ReplaceLineEndings());

        detail["rollout"]!["phase"] = "Completed";
        stub.Respond(StubResponse.Json(detail.ToJsonString()));
        var watch = await CliResult.RunAsync("watch", Failing, "--server", stub.BaseUri.ToString()).WaitAsync(Patience);

        watch.Exit.ShouldBe(ExitCodes.Ok, watch.ToString());
        watch.Stdout.ShouldContain("Permitted: pause, promote, abort");
    }

    [Fact]
    public async Task Status_shows_what_the_controller_permits_now()
    {
        var result = await CliResult.RunAsync("status", Failing, "--server", Server);

        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        // The real controller reports the fields (an older one does not, and then neither is shown: RolloutGateTests).
        result.Stdout.ShouldContain("Permitted:");
    }
}
