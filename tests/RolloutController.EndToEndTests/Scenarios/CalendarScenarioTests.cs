using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>Freezes, release windows, scheduled starts and dry runs through the real host.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class CalendarScenarioTests
{
    private const int Probes = 200;

    private const string ShortRamp = """
            - { weight: 1, hold: 2s }
            - { weight: 50, hold: 2s }
            - { weight: 100, hold: 2s }
        """;

    [Fact]
    public async Task A_freeze_in_the_configuration_holds_the_rollout_with_its_reason_and_the_kill_switch_still_acts()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var scenario = await GivenPolicyAsync(ShortRamp, settings: _ => new Dictionary<string, string?>
        {
            ["RolloutController:ReleaseCalendar:Freezes:0:From"] = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["RolloutController:ReleaseCalendar:Freezes:0:To"] = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["RolloutController:ReleaseCalendar:Freezes:0:Reason"] = "incident review freeze",
        });

        var until = $"frozen: incident review freeze until {today.AddDays(2).ToDateTime(TimeOnly.MinValue).ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture)} 00:00 UTC";
        var status = await scenario.WaitForAsync(s => s["blocked"]!.AsArray().Any(b => b!.GetValue<string>() == until), TimeSpan.FromSeconds(30), "the freeze to show");
        // Several rounds later it is still held: nothing starts during a freeze, so nothing is served.
        await Task.Delay(TimeSpan.FromSeconds(5));
        status = await scenario.Controller.StatusAsync(Flag);
        Phase(status).ShouldBe("Pending");
        status["rollout"]!["weight"]!.GetValue<decimal>().ShouldBe(0m);
        (await scenario.Controller.CountServedOnAsync(Flag, Probes)).ShouldBe(0);

        using var abort = await scenario.Controller.Http.PostAsJsonAsync($"api/v1/rollouts/{Flag}/abort", new { reason = "not this quarter" });
        abort.IsSuccessStatusCode.ShouldBeTrue(await abort.Content.ReadAsStringAsync());
        Phase(await scenario.Controller.StatusAsync(Flag)).ShouldBe("Aborted");
    }

    [Fact]
    public async Task A_freeze_blocks_an_advance_once_its_override_no_longer_counts_while_a_rollback_still_acts()
    {
        // Given a freeze in force and a release manager who lets this policy through it.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 1, hold: 20s }
                - { weight: 50, hold: 1h }
            """, settings: _ => new Dictionary<string, string?>
        {
            ["RolloutController:ReleaseCalendar:Freezes:0:From"] = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["RolloutController:ReleaseCalendar:Freezes:0:To"] = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["RolloutController:ReleaseCalendar:Freezes:0:Reason"] = "incident review freeze",
            ["RolloutController:Api:Tokens:1:Name"] = "alice",
            ["RolloutController:Api:Tokens:1:Token"] = "e2e-alice-release-manager-token",
            ["RolloutController:Api:Tokens:1:Roles:0"] = "release-manager",
        });
        await scenario.WaitForAsync(s => s["blocked"]!.AsArray().Any(b => b!.GetValue<string>().StartsWith("frozen: ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the freeze to hold the start");
        using (var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rollouts/{Flag}/override-freeze")
               { Content = JsonContent.Create(new { reason = "INC-4211 fix" }) })
        {
            request.Headers.Authorization = new("Bearer", "e2e-alice-release-manager-token");
            using var overridden = await scenario.Controller.Http.SendAsync(request);
            overridden.IsSuccessStatusCode.ShouldBeTrue(await overridden.Content.ReadAsStringAsync());
        }
        await scenario.WaitForAsync(s => Phase(s) == "Observing" && Stage(s) == 1, TimeSpan.FromSeconds(30), "the overridden start at 1%");

        // When the policy changes, the override no longer counts: once the hold is served, the advance is frozen.
        await File.AppendAllTextAsync(scenario.PolicyPath, "\n# revised after the override\n");
        var frozen = await scenario.WaitForAsync(s => Stage(s) == 1 && s["rollout"]!["holdRemainingSeconds"]!.GetValue<double>() <= 0
            && s["blocked"]!.AsArray().Any(b => b!.GetValue<string>().StartsWith("frozen: incident review freeze", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60), "the advance to be frozen");
        frozen["freezeOverride"].ShouldBeNull();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Stage(await scenario.Controller.StatusAsync(Flag)).ShouldBe(1);

        // Then a tripped guardrail still rolls it back, freeze or not.
        await scenario.Service.InjectErrorsAsync(0.5);
        var rolledBack = await scenario.WaitForAsync(s => Phase(s) == "RolledBack", TimeSpan.FromSeconds(60), "the rollback during the freeze");
        rolledBack["rollout"]!["weight"]!.GetValue<decimal>().ShouldBe(0m);
        (await scenario.Controller.CountServedOnAsync(Flag, Probes)).ShouldBe(0);
    }

    [Fact]
    public async Task Outside_its_release_windows_a_rollout_waits_and_names_the_next_opening()
    {
        // A window on a day that is not today (in UTC, on either side of midnight): closed now whatever the time.
        var day = DateTime.UtcNow.AddDays(3).DayOfWeek.ToString()[..3];
        await using var scenario = await GivenPolicyAsync(ShortRamp, specYaml: $"  windows: ['{day} 10:00-11:00 UTC']\n");

        var status = await scenario.WaitForAsync(
            s => s["blocked"]!.AsArray().Any(b => b!.GetValue<string>().StartsWith($"outside release windows ({day} 10:00-11:00 UTC); next opens {day} ", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30), "the window to show");
        Phase(status).ShouldBe("Pending");
        (await scenario.Controller.CountServedOnAsync(Flag, Probes)).ShouldBe(0);
    }

    [Fact]
    public async Task A_scheduled_rollout_shows_when_it_starts_and_starts_then()
    {
        // Far enough ahead for the controller to start first on a busy machine.
        var at = DateTimeOffset.UtcNow.AddSeconds(60);
        at = at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond));
        var startAt = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        await using var scenario = await GivenPolicyAsync(ShortRamp, specYaml: $"  startAt: {startAt}\n");

        var scheduled = $"scheduled for {at.ToString(at.Second == 0 ? "ddd yyyy-MM-dd HH:mm" : "ddd yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC";
        var pending = await scenario.WaitForAsync(s => s["blocked"]!.AsArray().Any(b => b!.GetValue<string>() == scheduled),
            TimeSpan.FromSeconds(55), "the schedule to show");
        Phase(pending).ShouldBe("Pending");
        pending["rollout"]!["scheduledFor"]!.GetValue<DateTimeOffset>().ShouldBe(DateTimeOffset.Parse(startAt, CultureInfo.InvariantCulture));
        (await scenario.Controller.CountServedOnAsync(Flag, Probes)).ShouldBe(0);

        var started = await scenario.WaitForAsync(s => Phase(s) != "Pending", TimeSpan.FromSeconds(90), "the scheduled start");
        DateTimeOffset.UtcNow.ShouldBeGreaterThanOrEqualTo(DateTimeOffset.Parse(startAt, CultureInfo.InvariantCulture));
        History(started)[0]["reason"]!.GetValue<string>().ShouldStartWith("scheduled start at ");
    }

    [Fact]
    public async Task A_dry_run_ramps_on_its_schedule_says_so_everywhere_and_never_changes_what_is_served()
    {
        // Its guardrails watch the traffic actually served (all of it off), as a dry run's would.
        await using var scenario = await GivenPolicyAsync(ShortRamp, specYaml: "  mode: dry-run\n", cohort: "off");

        var servedOn = new List<int>();
        var weights = new HashSet<decimal>();
        var status = await scenario.WaitForAsync(s =>
        {
            weights.Add(s["rollout"]!["weight"]!.GetValue<decimal>());
            s["rollout"]!["mode"]!.GetValue<string>().ShouldBe("dry-run");
            s["rollout"]!["servedWeight"]!.GetValue<decimal>().ShouldBe(0m);
            servedOn.Add(scenario.Controller.CountServedOnAsync(Flag, Probes).GetAwaiter().GetResult());
            return Phase(s) == "Completed";
        }, TimeSpan.FromSeconds(120), "the dry run to complete");

        // It decided the whole ramp on its real schedule...
        History(status).Select(t => $"{t["trigger"]} {t["fromWeight"]}->{t["toWeight"]}").ShouldBe(
            ["start 0->1", "advance 1->50", "advance 50->100", "complete 100->100"]);
        History(status).ShouldAllBe(t => t["reason"]!.GetValue<string>().StartsWith("dry run: ", StringComparison.Ordinal));
        weights.ShouldContain(100m);
        // ...while every probe at every poll was served off, and still is.
        servedOn.ShouldAllBe(on => on == 0);
        (await scenario.Controller.CountServedOnAsync(Flag, Probes)).ShouldBe(0);
        var metrics = await scenario.Controller.Http.GetStringAsync("metrics");
        metrics.Split('\n').ShouldContain(l => l.StartsWith("rollout_controller_rollout_weight{", StringComparison.Ordinal) && l.Contains(Flag) && l.EndsWith(" 0"));

        var notices = await scenario.OnCall.WaitForAsync(r => r.Any(x => RampScenarioTests.Kind(x) == "completed"), TimeSpan.FromSeconds(20));
        notices.ShouldAllBe(n => n.Json().GetProperty("summary").GetString()!.StartsWith("[dry run] "));
    }
}
