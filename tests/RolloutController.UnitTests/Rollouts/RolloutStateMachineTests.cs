using RolloutController.Policies;
using RolloutController.Rollouts;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

public sealed class RolloutStateMachineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly RolloutPolicy Policy = Default();

    // The whole table, written out independently of the implementation: every (phase, trigger) pair not listed must be refused.
    private static readonly Dictionary<(RolloutPhase, RolloutTrigger), RolloutPhase> Expected = new()
    {
        [(RolloutPhase.Pending, RolloutTrigger.Start)] = RolloutPhase.Observing,
        [(RolloutPhase.Pending, RolloutTrigger.Abort)] = RolloutPhase.Aborted,
        [(RolloutPhase.Pending, RolloutTrigger.OverrideFreeze)] = RolloutPhase.Pending,
        [(RolloutPhase.Observing, RolloutTrigger.Advance)] = RolloutPhase.Observing,
        [(RolloutPhase.Observing, RolloutTrigger.Complete)] = RolloutPhase.Completed,
        [(RolloutPhase.Observing, RolloutTrigger.Rollback)] = RolloutPhase.RolledBack,
        [(RolloutPhase.Observing, RolloutTrigger.Pause)] = RolloutPhase.Paused,
        [(RolloutPhase.Observing, RolloutTrigger.Promote)] = RolloutPhase.Observing,
        [(RolloutPhase.Observing, RolloutTrigger.Abort)] = RolloutPhase.Aborted,
        [(RolloutPhase.Observing, RolloutTrigger.Exclude)] = RolloutPhase.Observing,
        [(RolloutPhase.Observing, RolloutTrigger.Include)] = RolloutPhase.Observing,
        [(RolloutPhase.Observing, RolloutTrigger.Warn)] = RolloutPhase.Observing,
        [(RolloutPhase.Observing, RolloutTrigger.Approve)] = RolloutPhase.Observing,
        [(RolloutPhase.Observing, RolloutTrigger.OverrideFreeze)] = RolloutPhase.Observing,
        [(RolloutPhase.Paused, RolloutTrigger.Resume)] = RolloutPhase.Observing,
        [(RolloutPhase.Paused, RolloutTrigger.Rollback)] = RolloutPhase.RolledBack,
        [(RolloutPhase.Paused, RolloutTrigger.Promote)] = RolloutPhase.Paused,
        [(RolloutPhase.Paused, RolloutTrigger.Abort)] = RolloutPhase.Aborted,
        [(RolloutPhase.Paused, RolloutTrigger.Exclude)] = RolloutPhase.Paused,
        [(RolloutPhase.Paused, RolloutTrigger.Include)] = RolloutPhase.Paused,
        [(RolloutPhase.Paused, RolloutTrigger.Warn)] = RolloutPhase.Paused,
        [(RolloutPhase.Paused, RolloutTrigger.Approve)] = RolloutPhase.Paused,
        [(RolloutPhase.Paused, RolloutTrigger.OverrideFreeze)] = RolloutPhase.Paused,
        [(RolloutPhase.Paused, RolloutTrigger.Adopt)] = RolloutPhase.Observing,
        [(RolloutPhase.RolledBack, RolloutTrigger.Restart)] = RolloutPhase.Observing,
        [(RolloutPhase.Aborted, RolloutTrigger.Restart)] = RolloutPhase.Observing,
    };

    public static TheoryData<string, string> EveryPair()
    {
        var data = new TheoryData<string, string>();
        foreach (var phase in Enum.GetValues<RolloutPhase>())
            foreach (var trigger in Enum.GetValues<RolloutTrigger>())
                data.Add(phase.ToString(), trigger.ToString());
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_phase_and_trigger_pair_matches_the_specified_table(string fromName, string triggerName)
    {
        var from = Enum.Parse<RolloutPhase>(fromName);
        var trigger = Enum.Parse<RolloutTrigger>(triggerName);
        // Complete is judged at the last stage, everything else at the first; the gate is open, so only the table decides.
        var state = In(from, trigger == RolloutTrigger.Complete ? Policy.Stages.Count - 1 : 0);

        var moved = RolloutStateMachine.Fire(state, trigger, OpenGate(state));

        if (Expected.TryGetValue((from, trigger), out var expected))
        {
            moved.ShouldNotBeNull($"{from} + {trigger} must be allowed");
            moved.Phase.ShouldBe(expected);
            (moved with { Phase = state.Phase }).ShouldBe(state, "the machine changes the phase only");
            RolloutStateMachine.CanFire(state, trigger, OpenGate(state)).ShouldBeTrue();
        }
        else
        {
            moved.ShouldBeNull($"{from} + {trigger} must be refused");
            RolloutStateMachine.CanFire(state, trigger, OpenGate(state)).ShouldBeFalse();
        }
        TransitionTable.AllowedFrom(from).Contains(trigger).ShouldBe(Expected.ContainsKey((from, trigger)));
    }

    [Theory]
    [InlineData(nameof(RolloutTrigger.Advance), 0)]
    [InlineData(nameof(RolloutTrigger.Complete), 3)]
    public void Advance_and_complete_are_refused_while_the_hold_runs_and_name_the_unmet_guard(string triggerName, int stage)
    {
        var trigger = Enum.Parse<RolloutTrigger>(triggerName);
        var state = In(RolloutPhase.Observing, stage) with { HoldWaived = false };

        RolloutStateMachine.Fire(state, trigger, OpenGate(state)).ShouldBeNull();
        RolloutStateMachine.UnmetGuards(state, trigger, OpenGate(state)).ShouldBe(["hold served"]);
    }

    [Fact]
    public void Advance_and_complete_are_refused_without_a_round_to_judge()
    {
        var state = In(RolloutPhase.Observing, 0);

        RolloutStateMachine.Fire(state, RolloutTrigger.Advance, new MoveCause("controller", "no round")).ShouldBeNull();
    }

    [Fact]
    public void Advance_is_refused_at_the_last_stage_and_complete_before_it()
    {
        var first = In(RolloutPhase.Observing, 0);
        var last = In(RolloutPhase.Observing, Policy.Stages.Count - 1);

        RolloutStateMachine.UnmetGuards(first, RolloutTrigger.Complete, OpenGate(first)).ShouldBe(["at the last stage"]);
        RolloutStateMachine.UnmetGuards(last, RolloutTrigger.Advance, OpenGate(last)).ShouldBe(["a next stage exists"]);
    }

    [Fact]
    public void A_guardrail_without_a_pass_closes_the_gate()
    {
        var state = In(RolloutPhase.Observing, 0);
        var cause = new MoveCause("controller", "r", new RoundEvidence(Policy, state, [Pass("error-rate", Now), Fail("conversion", Now)], Now));

        RolloutStateMachine.UnmetGuards(state, RolloutTrigger.Advance, cause).ShouldBe(["every guardrail passed this round"]);
    }

    [Fact]
    public void Permitted_lists_what_fires_now_guards_included()
    {
        var observing = In(RolloutPhase.Observing, 0);

        RolloutStateMachine.Permitted(observing, OpenGate(observing)).ShouldBe([
            RolloutTrigger.Advance, RolloutTrigger.Rollback, RolloutTrigger.Pause, RolloutTrigger.Promote, RolloutTrigger.Abort,
            RolloutTrigger.Exclude, RolloutTrigger.Warn, RolloutTrigger.Include, RolloutTrigger.Approve, RolloutTrigger.OverrideFreeze,
        ]);
        RolloutStateMachine.Permitted(observing with { HoldWaived = false }, OpenGate(observing with { HoldWaived = false }))
            .ShouldNotContain(RolloutTrigger.Advance);
        RolloutStateMachine.Permitted(In(RolloutPhase.Completed, 3), OpenGate(In(RolloutPhase.Completed, 3))).ShouldBeEmpty();
    }

    [Fact]
    public void Completed_is_terminal_and_allows_nothing()
    {
        TransitionTable.AllowedFrom(RolloutPhase.Completed).ShouldBeEmpty();
        TransitionTable.IsTerminal(RolloutPhase.Completed).ShouldBeTrue();
        Enum.GetValues<RolloutPhase>().Where(TransitionTable.IsTerminal).ShouldBe([RolloutPhase.Completed]);
    }

    [Theory]
    [InlineData(nameof(RolloutPhase.Observing), true)]
    [InlineData(nameof(RolloutPhase.Paused), true)]
    [InlineData(nameof(RolloutPhase.Pending), false)]
    [InlineData(nameof(RolloutPhase.Completed), false)]
    [InlineData(nameof(RolloutPhase.RolledBack), false)]
    [InlineData(nameof(RolloutPhase.Aborted), false)]
    public void Only_observing_and_paused_rollouts_are_live(string phase, bool live) =>
        TransitionTable.IsLive(Enum.Parse<RolloutPhase>(phase)).ShouldBe(live);

    private static RolloutState In(RolloutPhase phase, int stage) =>
        RolloutState.New(Policy.Flag.Key, Policy.Metadata.Name, "rev1", Now) with
        {
            Phase = phase, StageIndex = stage, Weight = Policy.Stages[stage].Weight, StageStartedAt = Now, HoldWaived = true,
        };

    private static MoveCause OpenGate(RolloutState state) =>
        new("alice", "test", new RoundEvidence(Policy, state, AllPass(Policy, Now), Now));

    [Fact]
    public void Machines_reused_across_moves_and_threads_keep_each_move_to_its_own_state()
    {
        var results = new RolloutState?[2_000];
        Parallel.For(0, results.Length, i =>
        {
            var from = RolloutState.New($"flag-{i}", "p", "r", Now) with { Phase = i % 2 == 0 ? RolloutPhase.Observing : RolloutPhase.Paused };
            results[i] = RolloutStateMachine.Fire(from, i % 2 == 0 ? RolloutTrigger.Pause : RolloutTrigger.Resume, new MoveCause("ops", "r"));
        });

        for (var i = 0; i < results.Length; i++)
        {
            results[i].ShouldNotBeNull();
            results[i]!.FlagKey.ShouldBe($"flag-{i}");
            results[i]!.Phase.ShouldBe(i % 2 == 0 ? RolloutPhase.Paused : RolloutPhase.Observing);
        }
    }
}
