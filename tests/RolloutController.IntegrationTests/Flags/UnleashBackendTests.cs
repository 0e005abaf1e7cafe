using System.Collections.Immutable;
using RolloutController.Analysis;
using RolloutController.Analysis.Segments;
using RolloutController.Bucketing;
using RolloutController.Flags;
using RolloutController.Flags.Platforms;
using RolloutController.Flags.Unleash;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Platforms;
using RolloutController.TestUtilities.Unleash;

namespace RolloutController.IntegrationTests.Flags;

/// <summary>
/// The Unleash backend against the real unleash-server 8.2 (npm) on PostgreSQL, with the real unleash-client Node SDK
/// polling it: what the controller writes is what the SDK serves to 20,000 users, stage by stage.
/// </summary>
[Collection(UnleashCollection.Name)]
public sealed class UnleashBackendTests(UnleashFixture fixture) : IDisposable
{
    private const int Users = 20_000;

    private readonly PlatformHarness _harness = new(UnleashPlatform.PlatformType, fixture.Server.BaseUri, UnleashServer.AdminToken,
        TimeProvider.System);

    private UnleashServer Unleash => fixture.Server;

    [Fact]
    public async Task Each_stage_serves_its_weight_to_the_sdk_and_excluded_segments_are_off()
    {
        const string flag = "ramp-checkout";
        await Unleash.CreateFlagAsync(flag);
        var policy = PlatformHarness.Policy(flag);

        var version = 1L;
        foreach (var weight in new[] { 1, 10, 50, 100 })
        {
            _harness.Want(policy, Observing(flag, weight, version++));
            await _harness.SyncAsync(flag);

            var sync = _harness.Flag(flag);
            sync.Status.ShouldBe(PlatformSyncStatus.InSync, sync.Detail);
            sync.Observed!.ServedWeight.ShouldBe(weight, "the served weight is what Unleash reads back");
            var environment = await Unleash.EnvironmentAsync(flag);
            ((bool)environment["enabled"]!).ShouldBeTrue();
            var strategy = environment["strategies"]!.AsArray().Single()!;
            ((string)strategy["title"]!).ShouldBe(UnleashPlatform.StrategyTitle);
            ((string)strategy["parameters"]!["rollout"]!).ShouldBe(weight.ToString(System.Globalization.CultureInfo.InvariantCulture));
            sync.Observed.RuleId.ShouldBe((string)strategy["id"]!, "the strategy's id is recorded");

            var p = weight / 100.0;
            var share = await UnleashShare.WhenAsync(Unleash, flag, Users, s => s.Near(p));
            Math.Abs(share.Enabled - Users * p).ShouldBeLessThanOrEqualTo(4 * Math.Sqrt(Users * p * (1 - p)) + 0.5,
                $"at {weight}% the SDK enabled {share.Enabled} of {Users}");
            // The documented bucketing predicts the SDK user by user.
            for (var i = 0; i < Users; i++)
                (share.Bits[i] == '1').ShouldBe(UnleashBuckets.IsOn(flag, $"user-{i}", weight), $"user-{i} at {weight}%");
        }

        var excluded = Observing(flag, 50, version++) with
        {
            ExcludedSegments = [new ExcludedSegment("error-rate", Segment.Of(("plan", "enterprise")), 2, "failed there", DateTimeOffset.UtcNow)],
        };
        _harness.Want(policy, excluded);
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync, _harness.Flag(flag).Detail);
        var constraint = (await Unleash.EnvironmentAsync(flag))["strategies"]!.AsArray().Single()!["constraints"]!.AsArray().Single()!;
        ((string)constraint["contextName"]!).ShouldBe("plan");
        ((string)constraint["operator"]!).ShouldBe("NOT_IN");

        (await UnleashShare.WhenAsync(Unleash, flag, Users, s => s.Enabled == 0, "plan=enterprise")).Enabled.ShouldBe(0, "users of an excluded segment are off");
        var others = await UnleashShare.WhenAsync(Unleash, flag, Users, s => s.Near(0.5), "plan=free");
        Math.Abs(others.Enabled - Users * 0.5).ShouldBeLessThanOrEqualTo(4 * Math.Sqrt(Users * 0.25));

        _harness.Want(policy, Stopped(flag, RolloutPhase.RolledBack, version), pinned: true);
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync);
        ((bool)(await Unleash.EnvironmentAsync(flag))["enabled"]!).ShouldBeFalse("a rollback turns the environment off");
        (await UnleashShare.WhenAsync(Unleash, flag, Users, s => s.Enabled == 0)).Enabled.ShouldBe(0);
    }

    [Fact]
    public async Task A_change_by_hand_is_drift_it_is_not_overwritten_until_a_person_resumes()
    {
        const string flag = "drift-checkout";
        await Unleash.CreateFlagAsync(flag);
        var policy = PlatformHarness.Policy(flag);
        var at10 = Observing(flag, 10, 1);
        _harness.Want(policy, at10);
        await _harness.SyncAsync(flag);
        var strategyId = _harness.Flag(flag).Confirmed!.RuleId!;

        await Unleash.SendAsync(HttpMethod.Put, $"api/admin/projects/default/features/{flag}/environments/development/strategies/{strategyId}",
            UnleashPlatform.StrategyBody(flag, 30, []));
        await _harness.SyncAsync(flag);

        var sync = _harness.Flag(flag);
        sync.Status.ShouldBe(PlatformSyncStatus.Drifted);
        sync.Detail.ShouldContain("rollout 10% → 30%");
        sync.Detail.ShouldContain("(last change on Unleash: feature-strategy-update by ");
        var reading = _harness.Sync.ReadingOf(policy, DateTimeOffset.UtcNow)!;
        reading.Verdict.ShouldBe(Verdict.Fail, "a drift fails the platform's reading, which pauses the rollout");

        // The controller's own states (the pause it decides) write nothing: the hand change stays.
        _harness.Want(policy, at10 with { Phase = RolloutPhase.Paused, Version = 2 });
        await _harness.SyncAsync(flag);
        ((string)(await Unleash.EnvironmentAsync(flag))["strategies"]!.AsArray().Single()!["parameters"]!["rollout"]!).ShouldBe("30");

        // A person's resume overwrites it.
        _harness.Want(policy, at10 with { Version = 3 });
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync);
        ((string)(await Unleash.EnvironmentAsync(flag))["strategies"]!.AsArray().Single()!["parameters"]!["rollout"]!).ShouldBe("10");
    }

    [Fact]
    public async Task A_change_by_hand_adopted_is_what_the_rollout_serves_and_nothing_is_written_over_it()
    {
        const string flag = "drift-adopted";
        var strategyId = await RampedAsync(flag, 10);
        var policy = PlatformHarness.Policy(flag);
        var paused = Observing(flag, 10, 1) with { Phase = RolloutPhase.Paused, StageIndex = 1, Version = 2 };
        await Unleash.SendAsync(HttpMethod.Put, $"api/admin/projects/default/features/{flag}/environments/development/strategies/{strategyId}",
            UnleashPlatform.StrategyBody(flag, 30, []));
        await _harness.SyncAsync(flag);
        _harness.Want(policy, paused);

        // rolloutctl adopt: decided on what Unleash serves now, read for the command.
        var observed = await _harness.Sync.ObserveAsync(policy, CancellationToken.None);
        observed.Succeeded.ShouldBeTrue(observed.Failure);
        (observed.Value!.Observed.ServedWeight, observed.Value.DriftFound, observed.Value.Provider).ShouldBe((30m, true, PlatformHarness.Provider));
        observed.Value.Change.ShouldNotBeNull().ShouldContain("rollout 10% → 30%");
        var adopted = RolloutDecider.Apply(policy, paused, RolloutCommand.Adopt, "carol", "30% is fine", DateTimeOffset.UtcNow, platform: observed.Value)
            .Decision.ShouldNotBeNull();
        adopted.State.Weight.ShouldBe(30m);

        _harness.Want(policy, adopted.State with { Version = 3 });
        for (var attempt = 0; attempt < 3; attempt++) await _harness.SyncAsync(flag);

        var sync = _harness.Flag(flag);
        sync.Status.ShouldBe(PlatformSyncStatus.InSync, sync.Detail);
        sync.Confirmed!.ServedWeight.ShouldBe(30m);
        var strategy = (await Unleash.EnvironmentAsync(flag))["strategies"]!.AsArray().Single()!;
        ((string)strategy["id"]!).ShouldBe(strategyId);
        ((string)strategy["parameters"]!["rollout"]!).ShouldBe("30", "an adopted change is not written over");
        _harness.Sync.ReadingOf(policy, DateTimeOffset.UtcNow)!.Verdict.ShouldBe(Verdict.Pass, "the gate opens again on the adopted state");
        var share = await UnleashShare.WhenAsync(Unleash, flag, Users, s => s.Near(0.3));
        Math.Abs(share.Enabled - Users * 0.3).ShouldBeLessThanOrEqualTo(4 * Math.Sqrt(Users * 0.21) + 0.5, "the SDK serves the adopted 30%");
    }

    [Fact]
    public async Task Adopted_on_one_replica_the_other_writes_nothing_over_it_even_when_it_never_saw_the_pause()
    {
        const string flag = "drift-adopted-replicas";
        var strategyId = await RampedAsync(flag, 10);
        var policy = PlatformHarness.Policy(flag);
        using var other = new PlatformHarness(UnleashPlatform.PlatformType, fixture.Server.BaseUri, UnleashServer.AdminToken, TimeProvider.System);
        other.Want(policy, Observing(flag, 10, 1));
        await other.SyncAsync(flag);
        other.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync, other.Flag(flag).Detail);

        await Unleash.SendAsync(HttpMethod.Put, $"api/admin/projects/default/features/{flag}/environments/development/strategies/{strategyId}",
            UnleashPlatform.StrategyBody(flag, 30, []));
        await _harness.SyncAsync(flag);
        await other.SyncAsync(flag);
        other.Flag(flag).Status.ShouldBe(PlatformSyncStatus.Drifted, "every replica reads the platform and finds the change");

        // The adopt is taken on the other replica, which saw the pause; this one gets the stored state as the replicas' sync delivers it.
        var paused = Observing(flag, 10, 2) with { Phase = RolloutPhase.Paused, StageIndex = 1 };
        other.Want(policy, paused);
        var observed = (await other.Sync.ObserveAsync(policy, CancellationToken.None)).Value!;
        var adopted = RolloutDecider.Apply(policy, paused, RolloutCommand.Adopt, "carol", "keep 30%", DateTimeOffset.UtcNow, platform: observed)
            .Decision!.State with { Version = 3 };
        other.Want(policy, adopted);
        _harness.Want(policy, adopted);
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await other.SyncAsync(flag);
            await _harness.SyncAsync(flag);
        }

        foreach (var replica in new[] { other, _harness })
        {
            replica.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync, replica.Flag(flag).Detail);
            replica.Flag(flag).Confirmed!.ServedWeight.ShouldBe(30m);
            replica.Flag(flag).DriftUnresolved.ShouldBeFalse();
        }
        ((string)(await Unleash.EnvironmentAsync(flag))["strategies"]!.AsArray().Single()!["parameters"]!["rollout"]!).ShouldBe("30");
    }

    [Fact]
    public async Task Switched_off_by_hand_and_adopted_as_the_kill_switch_nothing_is_written_until_it_is_switched_on()
    {
        const string flag = "drift-adopted-off";
        await RampedAsync(flag, 10);
        var policy = PlatformHarness.Policy(flag);
        await Unleash.SendAsync(HttpMethod.Post, $"api/admin/projects/default/features/{flag}/environments/development/off");
        await _harness.SyncAsync(flag);
        var paused = Observing(flag, 10, 2) with { Phase = RolloutPhase.Paused, StageIndex = 1 };
        _harness.Want(policy, paused);
        var observed = (await _harness.Sync.ObserveAsync(policy, CancellationToken.None)).Value!;
        DriftAdoption.KeepsOff(policy, paused, observed).ShouldBeTrue(observed.ToString());

        // rolloutctl adopt: the kill switch, as rolloutctl flag off would set it.
        _harness.Backend.ApplySwitch(new FlagSwitch(flag, Off: true, "carol", DriftAdoption.KillSwitchReason(observed, "keep it off"), DateTimeOffset.UtcNow, 1),
            pinned: false);
        for (var attempt = 0; attempt < 3; attempt++) await _harness.SyncAsync(flag);

        var sync = _harness.Flag(flag);
        sync.Status.ShouldBe(PlatformSyncStatus.InSync, sync.Detail);
        sync.DriftUnresolved.ShouldBeFalse();
        var environment = await Unleash.EnvironmentAsync(flag);
        ((bool)environment["enabled"]!).ShouldBeFalse();
        ((string)environment["strategies"]!.AsArray().Single()!["parameters"]!["rollout"]!).ShouldBe("10", "the strategy is as it was");

        // Switched on by a person: the rollout's weight is served again there.
        _harness.Backend.ApplySwitch(new FlagSwitch(flag, Off: false, "carol", "back on", DateTimeOffset.UtcNow, 2), pinned: false);
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync, _harness.Flag(flag).Detail);
        ((bool)(await Unleash.EnvironmentAsync(flag))["enabled"]!).ShouldBeTrue();
    }

    [Fact]
    public async Task Adopt_reads_the_platform_now_and_a_platform_that_does_not_answer_is_a_failure()
    {
        const string flag = "drift-adopt-down";
        await RampedAsync(flag, 10);
        var policy = PlatformHarness.Policy(flag);

        await Unleash.StopAsync();
        try
        {
            var observed = await _harness.Sync.ObserveAsync(policy, CancellationToken.None);
            observed.Succeeded.ShouldBeFalse();
            observed.Failure.ShouldStartWith($"not applied: reading '{flag}' on {PlatformHarness.Provider} failed: ");
            observed.Failure.ShouldEndWith("; nothing changed");
        }
        finally
        {
            await Unleash.StartAsync();
        }
    }

    [Fact]
    public async Task The_strategy_removed_or_the_environment_switched_by_hand_is_drift_too()
    {
        const string flag = "drift-removed";
        var strategyId = await RampedAsync(flag, 10);

        await Unleash.SendAsync(HttpMethod.Delete, $"api/admin/projects/default/features/{flag}/environments/development/strategies/{strategyId}");
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.Drifted);
        _harness.Flag(flag).Detail.ShouldContain("the controller's rollout rule was removed");

        const string off = "drift-switched";
        await RampedAsync(off, 10);
        await Unleash.SendAsync(HttpMethod.Post, $"api/admin/projects/default/features/{off}/environments/development/off");
        await _harness.SyncAsync(off);
        _harness.Flag(off).Status.ShouldBe(PlatformSyncStatus.Drifted);
        _harness.Flag(off).Detail.ShouldContain("the environment was switched off");
    }

    [Theory]
    [InlineData("rollback")]
    [InlineData("kill-switch")]
    public async Task A_move_to_zero_the_platform_cannot_take_is_pending_told_to_on_call_and_applied_once_it_is_back(string move)
    {
        var flag = $"outage-{move}";
        var policy = PlatformHarness.Policy(flag);
        await RampedAsync(flag, 50);

        await Unleash.StopAsync();
        try
        {
            if (move == "rollback") _harness.Want(policy, Stopped(flag, RolloutPhase.RolledBack, 2), pinned: true);
            else _harness.Backend.ApplySwitch(new FlagSwitch(flag, Off: true, "alice", "INC-8", DateTimeOffset.UtcNow, 1), pinned: true);
            await _harness.SyncAsync(flag);

            var sync = _harness.Flag(flag);
            sync.Status.ShouldBe(PlatformSyncStatus.RollbackPending);
            sync.NextAttempt.ShouldBeGreaterThan(DateTimeOffset.UtcNow, "retried with backoff");
            var notice = _harness.Notices.Notices.ShouldHaveSingleItem();
            notice.Kind.ShouldBe(NoticeKind.RollbackNotApplied);
            notice.Severity.ShouldBe(NoticeSeverity.Critical);
            notice.Summary.ShouldStartWith($"rollback NOT applied: '{flag}'");
            notice.Transition.Trigger.ShouldBe(move == "rollback" ? RolloutTrigger.Rollback : RolloutTrigger.SwitchOff);
            notice.Transition.FromWeight.ShouldBe(50m);
            _harness.Sync.ReadingOf(policy, DateTimeOffset.UtcNow)!.Verdict.ShouldBe(Verdict.Error);

            // Still down: retried, told once.
            await _harness.SyncAsync(flag);
            _harness.Notices.Notices.Count.ShouldBe(1);
        }
        finally
        {
            await Unleash.StartAsync();
        }

        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync);
        ((bool)(await Unleash.EnvironmentAsync(flag))["enabled"]!).ShouldBeFalse();
        _harness.Notices.Notices.Select(n => n.Kind).ShouldBe([NoticeKind.RollbackNotApplied, NoticeKind.RollbackApplied]);
    }

    [Fact]
    public async Task The_kill_switch_turns_the_environment_off_and_on_restores_the_rollout()
    {
        const string flag = "switch-checkout";
        var policy = PlatformHarness.Policy(flag);
        await RampedAsync(flag, 50);
        var backend = _harness.Backend;

        // rolloutctl flag off: served first (pinned), stored after; the rollout pauses at its weight.
        backend.ApplySwitch(new FlagSwitch(flag, Off: true, "alice", "INC-7: timeouts", DateTimeOffset.UtcNow, 1), pinned: true);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.Applying, "the switch is due at once");
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync, _harness.Flag(flag).Detail);
        _harness.Flag(flag).Observed!.ServedWeight.ShouldBe(0m, "confirmed by reading it back");
        var environment = await Unleash.EnvironmentAsync(flag);
        ((bool)environment["enabled"]!).ShouldBeFalse("the kill switch turns the environment off");
        ((string)environment["strategies"]!.AsArray().Single()!["parameters"]!["rollout"]!).ShouldBe("50", "the strategy is kept");
        (await UnleashShare.WhenAsync(Unleash, flag, Users, s => s.Enabled == 0)).Enabled.ShouldBe(0, "the SDK serves nobody");

        // The rollout's pause and the stored switch change nothing: the flag stays off.
        _harness.Want(policy, Observing(flag, 50, 2) with { Phase = RolloutPhase.Paused });
        backend.UnpinSwitch(flag);
        await _harness.SyncAsync(flag);
        ((bool)(await Unleash.EnvironmentAsync(flag))["enabled"]!).ShouldBeFalse();

        // Switched on by hand on Unleash while the switch is off: a move to 0% is written whatever was changed.
        await Unleash.SendAsync(HttpMethod.Post, $"api/admin/projects/default/features/{flag}/environments/development/on");
        await _harness.SyncAsync(flag);
        ((bool)(await Unleash.EnvironmentAsync(flag))["enabled"]!).ShouldBeFalse("the switch is applied again");

        // rolloutctl flag on: what the rollout serves, restored.
        backend.ApplySwitch(new FlagSwitch(flag, Off: false, "alice", "recovered", DateTimeOffset.UtcNow, 2), pinned: false);
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync, _harness.Flag(flag).Detail);
        _harness.Flag(flag).Observed!.ServedWeight.ShouldBe(50m);
        var share = await UnleashShare.WhenAsync(Unleash, flag, Users, s => s.Near(0.5));
        Math.Abs(share.Enabled - Users * 0.5).ShouldBeLessThanOrEqualTo(4 * Math.Sqrt(Users * 0.25), $"the SDK enabled {share.Enabled}");
        _harness.Notices.Notices.ShouldBeEmpty("every move was applied: nothing to page");
    }

    public void Dispose() => _harness.Dispose();

    // A new flag the controller has put at the weight, confirmed; its strategy's id.
    private async Task<string> RampedAsync(string flag, decimal weight)
    {
        await Unleash.CreateFlagAsync(flag);
        _harness.Want(PlatformHarness.Policy(flag), Observing(flag, weight, 1));
        await _harness.SyncAsync(flag);
        _harness.Flag(flag).Status.ShouldBe(PlatformSyncStatus.InSync, _harness.Flag(flag).Detail);
        return _harness.Flag(flag).Confirmed!.RuleId!;
    }

    private static RolloutState Observing(string flag, decimal weight, long version) => new()
    {
        FlagKey = flag,
        PolicyName = flag,
        Phase = RolloutPhase.Observing,
        StageIndex = 0,
        Weight = weight,
        Version = version,
        ExcludedSegments = ImmutableList<ExcludedSegment>.Empty,
    };

    private static RolloutState Stopped(string flag, RolloutPhase phase, long version) => new()
    {
        FlagKey = flag,
        PolicyName = flag,
        Phase = phase,
        StageIndex = 0,
        Weight = 0m,
        Version = version,
    };
}
