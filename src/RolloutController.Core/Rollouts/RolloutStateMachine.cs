using Stateless;
using Stateless.Graph;
using Stateless.Reflection;

namespace RolloutController.Rollouts;

/// <summary>
/// The phases of a rollout and every move between them, as one Stateless configuration (<see cref="Configure"/>). Every
/// phase change — the controller's (start, advance, complete, rollback, exclude, warn, the automatic pauses), people's
/// commands (pause, resume, promote, abort, restart) and safety moves carried over (<see cref="SafetyRule"/>) — goes
/// through <see cref="Fire"/>; nothing else sets <see cref="RolloutState.Phase"/>. A move not configured, or whose
/// guards are unmet, is refused. Advance and complete are guarded by <see cref="AdvanceGate"/>. Pure: no I/O, no clock.
/// </summary>
/// <remarks>
/// The phase is kept in <see cref="RolloutState"/>, so persistence stays the store's: Stateless reads and writes it through
/// its external state accessor and mutator. <see cref="RolloutState"/> is an immutable record, so one instance of this
/// class is a small mutable holder around one state for the duration of one move (or one question about it): the mutator
/// swaps in a copy with the new phase, and the copy it ends with is the result. Configuring a machine costs about 16 KB
/// and microseconds (docs/benchmarks.md), so each thread configures one once and points it at the state of each move
/// (<see cref="For"/>); guards read the round from the trigger's parameter, never from the machine, so nothing of one
/// move is left for the next, and no machine is shared between threads.
/// </remarks>
internal sealed class RolloutStateMachine
{
    private RolloutState _state;
    private readonly StateMachine<RolloutPhase, RolloutTrigger> _machine;
    private readonly Dictionary<RolloutTrigger, StateMachine<RolloutPhase, RolloutTrigger>.TriggerWithParameters<MoveCause>> _triggers;

    [ThreadStatic]
    private static RolloutStateMachine? _ofThisThread;

    // The state the move starts from; put back to Idle after each use so the machine keeps no rollout alive.
    private static readonly RolloutState Idle = RolloutState.New("", "", null, DateTimeOffset.MinValue);

    private RolloutStateMachine(RolloutState state)
    {
        _state = state;
        _machine = new StateMachine<RolloutPhase, RolloutTrigger>(() => _state.Phase, phase => _state = _state with { Phase = phase });
        _triggers = Configure(_machine);
    }

    /// <summary>
    /// Moves <paramref name="state"/> by <paramref name="trigger"/>: the same state in the phase the move leads to (itself
    /// for a move that stays), or null when the move is refused from its phase. Only the phase changes here; what else a
    /// move changes (stage, weight, hold) the caller applies to the result.
    /// </summary>
    public static RolloutState? Fire(RolloutState state, RolloutTrigger trigger, MoveCause cause)
    {
        var holder = For(state);
        try
        {
            var parameterised = holder._triggers[trigger];
            if (!holder._machine.CanFire(parameterised, cause)) return null;
            holder._machine.Fire(parameterised, cause);
            return holder._state;
        }
        finally
        {
            holder._state = Idle;
        }
    }

    /// <summary>Whether <see cref="Fire"/> would move <paramref name="state"/> by <paramref name="trigger"/>.</summary>
    public static bool CanFire(RolloutState state, RolloutTrigger trigger, MoveCause cause)
    {
        var holder = For(state);
        try { return holder._machine.CanFire(holder._triggers[trigger], cause); }
        finally { holder._state = Idle; }
    }

    /// <summary>The descriptions of the guards that keep <paramref name="trigger"/> from firing now; empty when none do.</summary>
    public static IReadOnlyCollection<string> UnmetGuards(RolloutState state, RolloutTrigger trigger, MoveCause cause)
    {
        var holder = For(state);
        try
        {
            holder._machine.CanFire(holder._triggers[trigger], cause, out var unmet);
            return unmet.ToList();
        }
        finally
        {
            holder._state = Idle;
        }
    }

    /// <summary>The triggers that would fire now, guards included, in the order of <see cref="RolloutTrigger"/>.</summary>
    public static IReadOnlyList<RolloutTrigger> Permitted(RolloutState state, MoveCause cause)
    {
        var holder = For(state);
        try { return holder._triggers.Where(t => holder._machine.CanFire(t.Value, cause)).Select(t => t.Key).Order().ToList(); }
        finally { holder._state = Idle; }
    }

    // This thread's machine, pointed at the state of the move at hand.
    private static RolloutStateMachine For(RolloutState state)
    {
        var holder = _ofThisThread ??= new RolloutStateMachine(state);
        holder._state = state;
        return holder;
    }

    /// <summary>The configuration itself (phases, moves, guard descriptions), for diagrams and static questions. Built once.</summary>
    public static StateMachineInfo Info => Described.Value;

    /// <summary>The phase diagram as Mermaid (<c>stateDiagram-v2</c>), generated from the configuration.</summary>
    public static string Mermaid() => MermaidGraph.Format(Info);

    /// <summary>The phase diagram as Graphviz DOT, generated from the configuration.</summary>
    public static string Dot() => UmlDotGraph.Format(Info);

    /// <summary>Every trigger configured from <paramref name="phase"/>, guards not evaluated, in the order of <see cref="RolloutTrigger"/>.</summary>
    public static IReadOnlyList<RolloutTrigger> ConfiguredFrom(RolloutPhase phase) =>
        Info.States.Where(s => (RolloutPhase)s.UnderlyingState == phase)
            .SelectMany(s => s.FixedTransitions.Select(t => t.Trigger).Concat(s.DynamicTransitions.Select(t => t.Trigger)))
            .Select(t => (RolloutTrigger)t.UnderlyingTrigger).Distinct().Order().ToList();

    private static readonly Lazy<StateMachineInfo> Described =
        new(() => new RolloutStateMachine(Idle)._machine.GetInfo());

    /// <summary>The one configuration. Every trigger carries a <see cref="MoveCause"/>.</summary>
    private static Dictionary<RolloutTrigger, StateMachine<RolloutPhase, RolloutTrigger>.TriggerWithParameters<MoveCause>> Configure(
        StateMachine<RolloutPhase, RolloutTrigger> machine)
    {
        var t = Enum.GetValues<RolloutTrigger>().ToDictionary(trigger => trigger, machine.SetTriggerParameters<MoveCause>);

        machine.Configure(RolloutPhase.Pending)
            .Permit(RolloutTrigger.Start, RolloutPhase.Observing)
            .Permit(RolloutTrigger.Abort, RolloutPhase.Aborted)
            .PermitReentry(RolloutTrigger.OverrideFreeze);

        Live(machine.Configure(RolloutPhase.Observing))
            .PermitReentryIf(t[RolloutTrigger.Advance], AdvanceGuards)
            .PermitIf(t[RolloutTrigger.Complete], RolloutPhase.Completed, CompleteGuards)
            .Permit(RolloutTrigger.Pause, RolloutPhase.Paused);

        // A paused rollout still serves its weight, so it is still measured and can still roll back; it never advances.
        Live(machine.Configure(RolloutPhase.Paused))
            .Permit(RolloutTrigger.Resume, RolloutPhase.Observing)
            .Permit(RolloutTrigger.Adopt, RolloutPhase.Observing);

        machine.Configure(RolloutPhase.Completed);

        machine.Configure(RolloutPhase.RolledBack)
            .Permit(RolloutTrigger.Restart, RolloutPhase.Observing);

        machine.Configure(RolloutPhase.Aborted)
            .Permit(RolloutTrigger.Restart, RolloutPhase.Observing);

        return t;
    }

    // What both live phases allow: they serve their weight, so they are measured and can roll back or exclude a segment
    // (and a person include it again), warn, be promoted, approved, let through freezes or aborted. Moves that stay in their phase still happen
    // (and are recorded): they are re-entries, not ignored triggers.
    private static StateMachine<RolloutPhase, RolloutTrigger>.StateConfiguration Live(StateMachine<RolloutPhase, RolloutTrigger>.StateConfiguration phase) =>
        phase
            .Permit(RolloutTrigger.Rollback, RolloutPhase.RolledBack)
            .Permit(RolloutTrigger.Abort, RolloutPhase.Aborted)
            .PermitReentry(RolloutTrigger.Promote)
            .PermitReentry(RolloutTrigger.Exclude)
            .PermitReentry(RolloutTrigger.Include)
            .PermitReentry(RolloutTrigger.Warn)
            .PermitReentry(RolloutTrigger.Approve)
            .PermitReentry(RolloutTrigger.OverrideFreeze);

    // The gate's conditions and the stage condition of the move, each a guard of its own so an unmet one is named. They
    // read the round from the trigger's parameter, never from the machine, so one set serves every machine.
    private static readonly Tuple<Func<MoveCause, bool>, string>[] AdvanceGuards = Guards(AdvanceGate.NextStageExists);
    private static readonly Tuple<Func<MoveCause, bool>, string>[] CompleteGuards = Guards(AdvanceGate.AtLastStage);

    private static Tuple<Func<MoveCause, bool>, string>[] Guards(GateCondition stage) =>
        AdvanceGate.Conditions.Prepend(stage)
            .Select(c => Tuple.Create<Func<MoveCause, bool>, string>(cause => cause.Round is { } round && c.Met(round), c.Description))
            .ToArray();
}
