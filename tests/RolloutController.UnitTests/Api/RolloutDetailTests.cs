using System.Text.Json;
using RolloutController.Analysis;
using RolloutController.Api;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Api;

public sealed class RolloutDetailTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly RolloutPolicy _policy = Default();

    private RolloutState Started() =>
        RolloutDecider.Start(_policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0).State;

    [Fact]
    public void Blocked_and_permitted_are_judged_on_the_latest_round_of_the_current_stage()
    {
        var state = Started();
        var older = T0 + TimeSpan.FromMinutes(1);
        var latest = T0 + TimeSpan.FromMinutes(2);
        MeasurementRecord[] history =
        [
            new("new-checkout", 0, 1m, Pass("error-rate", latest)),
            new("new-checkout", 0, 1m, Of("conversion", Verdict.NoData, latest)),
            new("new-checkout", 0, 1m, Pass("error-rate", older)),
            new("new-checkout", 0, 1m, Pass("conversion", older)),
        ];

        var detail = RolloutViews.Detail(_policy, state, history, [], [], T0 + TimeSpan.FromHours(1));

        detail.Blocked.ShouldBe(["hold 23h left", "conversion: no data"]);
        detail.Permitted.ShouldBe(["rollback", "pause", "promote", "abort", "exclude", "warn", "approve"]);
    }

    [Fact]
    public void Excluded_segments_are_listed_and_shown_by_rolloutctl_status()
    {
        var state = Started() with
        {
            ExcludedSegments = [new ExcludedSegment("error-rate", RolloutController.Analysis.Segments.Segment.Of(("plan", "free")), 0, "0.031 > max 0.02", T0 + TimeSpan.FromMinutes(5))],
        };

        var detail = RolloutViews.Detail(_policy, state, [], [], [], T0 + TimeSpan.FromHours(1));
        using var text = new StringWriter();
        RolloutController.Cli.RolloutText.Detail(RolloutController.ConsoleOutput.Consoles.Plain(text), new RolloutController.Cli.RolloutSnapshot(detail, RolloutController.Cli.RolloutGate.None));

        detail.ExcludedSegments.ShouldBe([new ExcludedSegmentView("plan=\"free\"", "error-rate", 1, "0.031 > max 0.02", T0 + TimeSpan.FromMinutes(5))]);
        text.ToString().ShouldContain("Excluded:  plan=\"free\" by error-rate at stage 1 since 2026-11-01 00:05:00Z: 0.031 > max 0.02");
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(detail, ApiJson.Options));
        json.RootElement.GetProperty("excludedSegments")[0].GetProperty("segment").GetString().ShouldBe("plan=\"free\"");
    }

    [Fact]
    public void Runbooks_of_the_policy_and_its_guardrails_are_shown()
    {
        var policy = _policy with
        {
            Metadata = _policy.Metadata with { Runbook = "https://wiki.example.com/runbooks/checkout" },
            Analysis = _policy.Analysis with
            {
                Guardrails = [.. _policy.Analysis.Guardrails.Select((g, i) => i == 0 ? g with { Runbook = "https://wiki.example.com/errors" } : g)],
            },
        };

        var detail = RolloutViews.Detail(policy, Started(), [], [], [], T0);

        detail.Runbook.ShouldBe("https://wiki.example.com/runbooks/checkout");
        detail.Guardrails.Select(g => g.Runbook).ShouldBe(["https://wiki.example.com/errors", .. policy.Analysis.Guardrails.Skip(1).Select(_ => (string?)null)]);
        JsonDocument.Parse(JsonSerializer.Serialize(detail, ApiJson.Options)).RootElement.GetProperty("runbook").GetString()
            .ShouldBe("https://wiki.example.com/runbooks/checkout");
    }

    [Fact]
    public void An_open_gate_blocks_nothing_and_permits_the_move()
    {
        var now = T0 + TimeSpan.FromHours(25);
        var history = AllPass(_policy, now).Select(m => new MeasurementRecord("new-checkout", 0, 1m, m)).ToList();

        var detail = RolloutViews.Detail(_policy, Started(), history, [], [], now);

        detail.Blocked.ShouldBeEmpty();
        detail.Permitted.ShouldContain("advance");
    }

    [Fact]
    public void The_fields_are_named_blocked_and_permitted_in_the_json()
    {
        var detail = RolloutViews.Detail(_policy, Started(), [], [], [], T0);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(detail, ApiJson.Options));

        json.RootElement.GetProperty("blocked").EnumerateArray().Select(e => e.GetString()).ShouldContain("hold 1d left");
        json.RootElement.GetProperty("permitted").EnumerateArray().Select(e => e.GetString()).ShouldContain("abort");
    }
}
