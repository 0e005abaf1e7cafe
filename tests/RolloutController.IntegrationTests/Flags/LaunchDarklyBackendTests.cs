using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using RolloutController.Analysis.Segments;
using RolloutController.Flags;
using RolloutController.Flags.LaunchDarkly;
using RolloutController.Flags.Platforms;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.LaunchDarkly;
using RolloutController.TestUtilities.Platforms;
using RolloutController.TestUtilities.Time;

namespace RolloutController.IntegrationTests.Flags;

/// <summary>
/// The LaunchDarkly backend against the contract server (LaunchDarkly cannot run here): every request is checked against
/// LaunchDarkly's published REST API documentation, and the flag's state it keeps is what the controller reads back.
/// </summary>
public sealed class LaunchDarklyBackendTests : IAsyncLifetime
{
    private const string Environment = "production";
    private LaunchDarklyContractServer _ld = null!;
    private PlatformHarness _harness = null!;
    private readonly FakeTimeProvider _time = TestClock.New();

    public async Task InitializeAsync()
    {
        _ld = await LaunchDarklyContractServer.StartAsync(environment: Environment);
        _harness = new PlatformHarness(LaunchDarklyPlatform.PlatformType, _ld.BaseUri, _ld.Token, _time, Environment);
    }

    public async Task DisposeAsync()
    {
        _harness.Dispose();
        await _ld.DisposeAsync();
    }

    [Fact]
    public async Task Each_stage_is_one_semantic_patch_with_its_reason_confirmed_by_reading_it_back()
    {
        const string flag = "ramp-checkout";
        _ld.AddFlag(flag);
        var policy = PlatformHarness.Policy(flag);

        var version = 1L;
        foreach (var weight in new[] { 1m, 12.345m, 50m, 100m })
        {
            var state = Observing(flag, weight, version++);
            _harness.Backend.Explain(flag, [Advance(state, "held 1h; every guardrail passed")]);
            _harness.Want(policy, state);
            await _harness.SyncAsync(flag);

            var sync = _harness.Flag(flag);
            sync.Status.ShouldBe(PlatformSyncStatus.InSync, sync.Detail);
            sync.Observed!.ServedWeight.ShouldBe(weight, "the served weight is what LaunchDarkly reads back");
            _ld.ServedPercent(flag).ShouldBe(weight);
            var patch = JsonNode.Parse(_ld.Requests.Last(r => r.Method == "PATCH").Body)!;
            ((string)patch["comment"]!).ShouldBe($"stage 1 of {flag}: {weight.ToString("0.###", CultureInfo.InvariantCulture)}% (held 1h; every guardrail passed)");
            var rollout = patch["instructions"]!.AsArray().Single(i => (string)i!["kind"]! == "updateFallthroughVariationOrRollout")!;
            rollout["rolloutWeights"]!.AsObject().Select(w => (int)w.Value!).ShouldContain(LaunchDarklyRolloutFlag.Thousandths(weight));
            ((string)rollout["rolloutBucketBy"]!).ShouldBe("key");
        }
        var requests = _ld.Requests;
        requests.ShouldAllBe(r => r.Authorization == _ld.Token, "the access token without a scheme");
        requests.Where(r => r.Method == "PATCH").ShouldAllBe(r => r.ContentType == LaunchDarklyPlatform.SemanticPatch);
        _ld.Violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_excluded_segment_is_a_rule_serving_false_before_everyone_else_s_rules_and_a_rollback_turns_targeting_off()
    {
        const string flag = "excluded-checkout";
        _ld.AddFlag(flag);
        _ld.ChangeByHand(flag, "bob@example.com", "added a beta rule", env => env["rules"]!.AsArray().Add(new JsonObject
        {
            ["_id"] = "beta-rule", ["variation"] = 0,
            ["clauses"] = new JsonArray(new JsonObject { ["attribute"] = "beta", ["op"] = "in", ["negate"] = false, ["values"] = new JsonArray("yes") }),
        }));
        var policy = PlatformHarness.Policy(flag);
        _harness.Want(policy, Observing(flag, 10m, 1));
        await _harness.SyncAsync(flag);

        _harness.Want(policy, Observing(flag, 10m, 2) with
        {
            ExcludedSegments = [new ExcludedSegment("error-rate", Segment.Of(("plan", "enterprise")), 0, "failed there", _time.GetUtcNow())],
        });
        await _harness.SyncAsync(flag);

        var sync = _harness.Flag(flag);
        sync.Status.ShouldBe(PlatformSyncStatus.InSync, sync.Detail);
        sync.Observed!.Excluded.ShouldBe([new SegmentLabel("plan", "enterprise")]);
        var rules = _ld.EnvironmentOf(flag)["rules"]!.AsArray();
        rules.Count.ShouldBe(2);
        ((int)rules[0]!["variation"]!).ShouldBe(1, "the exclusion rule serves the false variation");
        ((string)rules[0]!["clauses"]![0]!["attribute"]!).ShouldBe("plan");
        ((string)rules[1]!["_id"]!).ShouldBe("beta-rule", "a rule the controller did not write is kept, after the exclusion");

        _harness.Want(policy, Stopped(flag, 3), pinned: true);
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync);
        ((bool)_ld.EnvironmentOf(flag)["on"]!).ShouldBeFalse();
        _ld.Violations.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("weight")]
    [InlineData("switched-off")]
    [InlineData("rule-removed")]
    public async Task A_change_by_hand_is_drift_naming_who_and_is_not_overwritten(string change)
    {
        var flag = $"drift-{change}";
        _ld.AddFlag(flag);
        var policy = PlatformHarness.Policy(flag);
        var excluded = Observing(flag, 10m, 1) with
        {
            ExcludedSegments = [new ExcludedSegment("error-rate", Segment.Of(("plan", "free")), 0, "failed there", _time.GetUtcNow())],
        };
        _harness.Want(policy, excluded);
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync, _harness.Flag(flag).Detail);
        var writes = _ld.Requests.Count(r => r.Method == "PATCH");

        _ld.ChangeByHand(flag, "alice@example.com", "changed the default rule", env =>
        {
            switch (change)
            {
                case "weight":
                    env["fallthrough"]!["rollout"]!["variations"] = new JsonArray(
                        new JsonObject { ["variation"] = 0, ["weight"] = 30_000 }, new JsonObject { ["variation"] = 1, ["weight"] = 70_000 });
                    break;
                case "switched-off":
                    env["on"] = false;
                    break;
                default:
                    env["rules"] = new JsonArray();
                    break;
            }
        });
        await _harness.SyncAsync(flag);

        var sync = _harness.Flag(flag);
        sync.Status.ShouldBe(PlatformSyncStatus.Drifted);
        sync.Detail.ShouldContain(change switch
        {
            "weight" => "rollout 10% → 30%",
            "switched-off" => "the environment was switched off",
            _ => "the excluded segments",
        });
        sync.Detail.ShouldContain("by alice@example.com");
        await _harness.SyncAsync(flag);
        _ld.Requests.Count(r => r.Method == "PATCH").ShouldBe(writes, "nothing is written over a change by hand");
    }

    [Fact]
    public async Task A_weight_changed_by_hand_and_adopted_is_confirmed_as_it_stands_with_no_patch()
    {
        const string flag = "drift-adopted";
        _ld.AddFlag(flag);
        var policy = PlatformHarness.Policy(flag);
        var at10 = Observing(flag, 10m, 1) with
        {
            StageIndex = 1,
            ExcludedSegments = [new ExcludedSegment("error-rate", Segment.Of(("plan", "free")), 0, "failed there", _time.GetUtcNow())],
        };
        _harness.Want(policy, at10);
        await _harness.SyncAsync(flag);
        var writes = _ld.Requests.Count(r => r.Method == "PATCH");
        _ld.ChangeByHand(flag, "alice@example.com", "30% for the load test", env =>
            env["fallthrough"]!["rollout"]!["variations"] = new JsonArray(
                new JsonObject { ["variation"] = 0, ["weight"] = 30_000 }, new JsonObject { ["variation"] = 1, ["weight"] = 70_000 }));
        await _harness.SyncAsync(flag);
        var paused = at10 with { Phase = RolloutPhase.Paused, Version = 2 };
        _harness.Want(policy, paused);

        var observed = await _harness.Sync.ObserveAsync(policy, CancellationToken.None);
        var adopted = RolloutDecider.Apply(policy, paused, RolloutCommand.Adopt, "carol", "keep it", _time.GetUtcNow(), platform: observed.Value)
            .Decision.ShouldNotBeNull().State with { Version = 3 };
        _harness.Want(policy, adopted);
        for (var attempt = 0; attempt < 3; attempt++) await _harness.SyncAsync(flag);

        (adopted.Weight, adopted.ExcludedSegments.Count).ShouldBe((30m, 1));
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync, _harness.Flag(flag).Detail);
        _harness.Flag(flag).Confirmed!.ServedWeight.ShouldBe(30m);
        _ld.Requests.Count(r => r.Method == "PATCH").ShouldBe(writes, "an adopted change is not patched over");
    }

    [Theory]
    [InlineData(405, "approval required")]
    [InlineData(409, "409 conflict")]
    [InlineData(400, "conflicts with a pending scheduled change or approval request")]
    [InlineData(401, "access token was refused")]
    [InlineData(403, "may not change flags in project 'default'")]
    public async Task A_refused_write_is_a_recorded_failure_with_its_reason(int status, string reason)
    {
        var flag = $"refused-{status}";
        _ld.AddFlag(flag);
        var policy = PlatformHarness.Policy(flag);
        _ld.Answer(status, writesOnly: true);

        _harness.Want(policy, Observing(flag, 10m, 1));
        await _harness.SyncAsync(flag);

        var sync = _harness.Flag(flag);
        sync.Status.ShouldBe(PlatformSyncStatus.Unreachable);
        sync.Detail.ShouldContain(reason);
        sync.Detail.ShouldContain($"scripted answer {status}", customMessage: "LaunchDarkly's message is kept");
        _harness.Sync.ReadingOf(policy, _time.GetUtcNow())!.Verdict.ShouldBe(RolloutController.Analysis.Verdict.Error, "the gate holds");
        _ld.ServedPercent(flag).ShouldBe(0m);
    }

    [Fact]
    public async Task A_429_waits_for_the_rate_limit_reset()
    {
        const string flag = "limited";
        _ld.AddFlag(flag);
        var reset = _time.GetUtcNow() + TimeSpan.FromSeconds(12);
        _ld.Answer(429, headers: new Dictionary<string, string>
        {
            ["X-Ratelimit-Reset"] = reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        });

        _harness.Want(PlatformHarness.Policy(flag), Observing(flag, 10m, 1));
        await _harness.SyncAsync(flag);

        var sync = _harness.Flag(flag);
        sync.Detail.ShouldContain("429 rate limited");
        sync.NextAttempt.ShouldBe(reset);
    }

    [Fact]
    public async Task A_429_retry_after_is_honoured()
    {
        const string flag = "limited-retry";
        _ld.AddFlag(flag);
        _ld.Answer(429, headers: new Dictionary<string, string> { ["Retry-After"] = "17" });

        _harness.Want(PlatformHarness.Policy(flag), Observing(flag, 10m, 1));
        await _harness.SyncAsync(flag);

        _harness.Flag(flag).NextAttempt.ShouldBe(_time.GetUtcNow() + TimeSpan.FromSeconds(17));
    }

    [Fact]
    public async Task A_rollback_while_launchdarkly_is_down_is_pending_told_once_and_applied_when_it_is_back()
    {
        const string flag = "outage";
        _ld.AddFlag(flag);
        var policy = PlatformHarness.Policy(flag);
        _harness.Want(policy, Observing(flag, 50m, 1));
        await _harness.SyncAsync(flag);

        _ld.Down = true;
        var rolledBack = Stopped(flag, 2);
        _harness.Backend.Explain(flag, [new Transition(flag, RolloutTrigger.Rollback, RolloutPhase.Observing, RolloutPhase.RolledBack, 0, 0, 50m, 0m,
            RolloutDecider.ControllerActor, "guardrail error-rate failed: 0.031 > max 0.02", _time.GetUtcNow())]);
        _harness.Want(policy, rolledBack, pinned: true);
        await _harness.SyncAsync(flag);
        await _harness.SyncAsync(flag);

        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.RollbackPending);
        _harness.Notices.Notices.ShouldHaveSingleItem().Kind.ShouldBe(NoticeKind.RollbackNotApplied);

        _ld.Down = false;
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync);
        ((bool)_ld.EnvironmentOf(flag)["on"]!).ShouldBeFalse();
        _harness.Notices.Notices.Select(n => n.Kind).ShouldBe([NoticeKind.RollbackNotApplied, NoticeKind.RollbackApplied]);
        var off = JsonNode.Parse(_ld.Requests.Last(r => r.Method == "PATCH").Body)!;
        ((string)off["comment"]!).ShouldBe($"rollback of {flag} to 0%: guardrail error-rate failed: 0.031 > max 0.02");
        _ld.Violations.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_kill_switch_comment_names_who_switched_it()
    {
        const string flag = "switched";
        _ld.AddFlag(flag);
        _harness.Want(PlatformHarness.Policy(flag), Observing(flag, 20m, 1));
        await _harness.SyncAsync(flag);

        _harness.Backend.ApplySwitch(new FlagSwitch(flag, Off: true, "alice", "INC-8 payments down", _time.GetUtcNow(), 1), pinned: true);
        await _harness.SyncAsync(flag);

        ((bool)_ld.EnvironmentOf(flag)["on"]!).ShouldBeFalse();
        var patch = JsonNode.Parse(_ld.Requests.Last(r => r.Method == "PATCH").Body)!;
        ((string)patch["comment"]!).ShouldBe("kill switch off by alice: INC-8 payments down");
        patch["instructions"]!.AsArray().Select(i => (string)i!["kind"]!).ShouldBe(["turnFlagOff"], "the rollout's weight is kept for switching on");
    }

    [Fact]
    public async Task A_missing_flag_is_a_failure_that_says_so()
    {
        _harness.Want(PlatformHarness.Policy("absent"), Observing("absent", 10m, 1));
        await _harness.SyncAsync("absent");

        _harness.Flag("absent").Detail.ShouldContain("404 not found (does the flag exist in project 'default'?)");
    }

    private static Transition Advance(RolloutState to, string reason) =>
        new(to.FlagKey, RolloutTrigger.Advance, RolloutPhase.Observing, RolloutPhase.Observing, to.StageIndex, to.StageIndex, 0m, to.Weight,
            RolloutDecider.ControllerActor, reason, DateTimeOffset.UnixEpoch);

    private static RolloutState Observing(string flag, decimal weight, long version) => new()
    {
        FlagKey = flag, PolicyName = flag, Phase = RolloutPhase.Observing, StageIndex = 0, Weight = weight, Version = version,
        ExcludedSegments = ImmutableList<ExcludedSegment>.Empty,
    };

    private static RolloutState Stopped(string flag, long version) => new()
    {
        FlagKey = flag, PolicyName = flag, Phase = RolloutPhase.RolledBack, StageIndex = 0, Weight = 0m, Version = version,
    };
}
