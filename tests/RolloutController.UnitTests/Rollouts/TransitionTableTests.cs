using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Rollouts;

public sealed class TransitionTableTests
{
    // The whole table, written out independently of the implementation: every (phase, trigger) pair not listed must be refused.
    private static readonly Dictionary<(RolloutPhase, RolloutTrigger), RolloutPhase> Expected = new()
    {
        [(RolloutPhase.Pending, RolloutTrigger.Start)] = RolloutPhase.Observing,
        [(RolloutPhase.Pending, RolloutTrigger.Abort)] = RolloutPhase.Aborted,
        [(RolloutPhase.Observing, RolloutTrigger.Advance)] = RolloutPhase.Observing,
        [(RolloutPhase.Observing, RolloutTrigger.Complete)] = RolloutPhase.Completed,
        [(RolloutPhase.Observing, RolloutTrigger.Rollback)] = RolloutPhase.RolledBack,
        [(RolloutPhase.Observing, RolloutTrigger.Pause)] = RolloutPhase.Paused,
        [(RolloutPhase.Observing, RolloutTrigger.Promote)] = RolloutPhase.Observing,
        [(RolloutPhase.Observing, RolloutTrigger.Abort)] = RolloutPhase.Aborted,
        [(RolloutPhase.Observing, RolloutTrigger.Exclude)] = RolloutPhase.Observing,
        [(RolloutPhase.Observing, RolloutTrigger.Warn)] = RolloutPhase.Observing,
        [(RolloutPhase.Paused, RolloutTrigger.Resume)] = RolloutPhase.Observing,
        [(RolloutPhase.Paused, RolloutTrigger.Rollback)] = RolloutPhase.RolledBack,
        [(RolloutPhase.Paused, RolloutTrigger.Promote)] = RolloutPhase.Paused,
        [(RolloutPhase.Paused, RolloutTrigger.Abort)] = RolloutPhase.Aborted,
        [(RolloutPhase.Paused, RolloutTrigger.Exclude)] = RolloutPhase.Paused,
        [(RolloutPhase.Paused, RolloutTrigger.Warn)] = RolloutPhase.Paused,
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
        var allowed = TransitionTable.TryNext(from, trigger, out var to);

        if (Expected.TryGetValue((from, trigger), out var expected))
        {
            allowed.ShouldBeTrue();
            to.ShouldBe(expected);
        }
        else
        {
            allowed.ShouldBeFalse($"{from} + {trigger} must be refused");
        }
    }

    [Fact]
    public void Completed_is_terminal_and_allows_nothing()
    {
        TransitionTable.AllowedFrom(RolloutPhase.Completed).ShouldBeEmpty();
        TransitionTable.IsTerminal(RolloutPhase.Completed).ShouldBeTrue();
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
}
