using RolloutController.Policies;
using RolloutController.Store;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>
/// A rollout's safety moves served but not yet stored, merged into one write: the stored state they were decided on
/// (<see cref="Base"/>), the state served (<see cref="Safe"/>, with <see cref="Base"/>'s version), and everything the
/// write must store. Later decisions about the rollout merge in (<see cref="Merge"/>) until the store takes it. Guarded by
/// its own lock; <see cref="Sequence"/> tells a save whether something merged in while it ran.
/// </summary>
internal sealed class PendingSafetyMove(RolloutPolicy? policy, string journalId, RolloutState @base, DateTimeOffset since)
{
    public Lock Gate { get; } = new();

    public RolloutPolicy? Policy { get; private set; } = policy;

    public string JournalId { get; } = journalId;

    public DateTimeOffset Since { get; } = since;

    /// <summary>The stored state the write applies to; its version is the one the save checks.</summary>
    public RolloutState Base { get; private set; } = @base;

    /// <summary>What is served: the result of every move merged so far, with <see cref="Base"/>'s version.</summary>
    public RolloutState Safe { get; private set; } = @base;

    public List<Transition> Transitions { get; } = [];

    public List<MeasurementRecord> Measurements { get; } = [];

    public List<OutboxDelivery> Deliveries { get; } = [];

    /// <summary>Grows with every merge.</summary>
    public long Sequence { get; private set; }

    /// <summary>A save running now, if any.</summary>
    public Task? InFlight { get; set; }

    /// <summary>Whether on-call was told that this move is not stored yet.</summary>
    public bool Warned { get; set; }

    /// <summary>Adds a decision taken on <see cref="Safe"/> (or a restored journal entry).</summary>
    public void Merge(RolloutPolicy? policy, RolloutState next, IEnumerable<Transition> transitions, IEnumerable<MeasurementRecord> measurements,
        IEnumerable<OutboxDelivery> deliveries)
    {
        Policy = policy ?? Policy;
        Safe = next with { Version = Base.Version };
        Transitions.AddRange(transitions);
        Measurements.AddRange(measurements);
        Deliveries.AddRange(deliveries);
        Sequence++;
    }

    /// <summary>What to store now, and the sequence it covers.</summary>
    public (RolloutWrite Write, long Sequence, int Transitions, int Measurements, int Deliveries) Snapshot() =>
        (new RolloutWrite(Safe with { Version = Base.Version }, [.. Transitions], [.. Measurements], [.. Deliveries]),
            Sequence, Transitions.Count, Measurements.Count, Deliveries.Count);

    /// <summary>
    /// Another writer stored <paramref name="fresh"/> meanwhile: the moves are carried over onto it
    /// (<see cref="SafetyRule.Reapply"/>) and the write applies to it from now.
    /// </summary>
    public void Rebase(RolloutState fresh, DateTimeOffset now)
    {
        var carried = SafetyRule.Reapply(fresh, Safe, Transitions, now);
        Base = fresh;
        Safe = carried.State with { Version = fresh.Version };
        Transitions.Clear();
        Transitions.AddRange(carried.Transitions);
        Sequence++;
    }

    /// <summary>
    /// A save covering a snapshot succeeded but more merged in meanwhile: what remains applies to <paramref name="saved"/>.
    /// </summary>
    public void Advance(RolloutState saved, int transitions, int measurements, int deliveries)
    {
        Base = saved;
        Safe = Safe with { Version = saved.Version };
        Transitions.RemoveRange(0, transitions);
        Measurements.RemoveRange(0, measurements);
        Deliveries.RemoveRange(0, deliveries);
    }
}
