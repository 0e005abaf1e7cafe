using RolloutController.Api;
using RolloutController.Cli;
using RolloutController.ConsoleOutput;
using RolloutController.UnitTests.ConsoleOutput;
using Spectre.Console;

namespace RolloutController.UnitTests.Cli;

public sealed class WatchViewTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 1, 9, 30, 0, TimeSpan.Zero);

    private static RolloutSnapshot Snapshot(string phase = "Observing", double? holdLeft = 245, RolloutGate? gate = null)
    {
        var summary = new RolloutSummary("new-checkout", "checkout", phase, 2, 4, 10m, holdLeft, null, At, At, At, 7);
        var measurement = new MeasurementView("error-rate", "pass", 0.0021, "max 0.01", "0.0021 is within max 0.01", "q", 2, 10m, At);
        return new RolloutSnapshot(new RolloutDetail(summary, "team-checkout", "release", "why", "policies/checkout.yaml",
            [new StageView(1, 1m, 600), new StageView(2, 10m, 600), new StageView(3, 50m, 600), new StageView(4, 100m, 600)],
            [
                new GuardrailStatus("error-rate", "max 0.01", 2, "hold", 0, null, measurement),
                new GuardrailStatus("p99-latency", "max 0.5", 2, "hold", 1, At, null),
            ],
            [], [], [], []), gate ?? RolloutGate.None);
    }

    private static string Plain(RolloutSnapshot snapshot)
    {
        using var o = new StringWriter();
        var console = Consoles.Plain(o);
        console.Write(WatchView.Render(console, snapshot, At));
        return o.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public void A_snapshot_shows_stage_weight_hold_countdown_and_each_guardrail_against_its_bound()
    {
        Plain(Snapshot()).ShouldBe("""
            new-checkout  Observing  2026-11-01 09:30:00Z
            Stage:     2 of 4
            Weight:    10%
            Hold left: 4m05s of 10m
            GUARDRAIL    VALUE   BOUND     VERDICT  FAILS
            error-rate   0.0021  max 0.01  pass     0/2
            p99-latency  -       max 0.5   -        1/2

            """);
    }

    [Fact]
    public void Blocked_and_permitted_are_shown_when_the_controller_reports_them()
    {
        var text = Plain(Snapshot(gate: new RolloutGate(["hold: 4m05s left", "p99-latency: no data"], ["pause", "promote", "abort"])));

        text.ShouldContain("""
            Hold left: 4m05s of 10m
            Blocked:   hold: 4m05s left
                       p99-latency: no data
            Permitted: pause, promote, abort
            GUARDRAIL
            """);
    }

    [Fact]
    public void Nothing_blocking_and_nothing_permitted_say_so()
    {
        var text = Plain(Snapshot("Completed", holdLeft: null, new RolloutGate([], [])));

        text.ShouldContain("Hold left: -\nBlocked:   nothing\nPermitted: nothing\n");
    }

    [Fact]
    public void A_paused_countdown_says_it_is_not_counting()
    {
        Plain(Snapshot("Paused")).ShouldContain("Hold left: 4m05s of 10m (not counting while paused)\n");
    }

    [Fact]
    public void On_a_rich_console_a_rolled_back_phase_is_red_and_a_pass_green()
    {
        using var o = new StringWriter();
        var console = RichConsole.Over(o);

        console.Write(WatchView.Render(console, Snapshot("RolledBack", holdLeft: null), At));

        o.ToString().ShouldContain("\u001b[91mRolledBack");
        o.ToString().ShouldContain("\u001b[32mpass");
    }
}
