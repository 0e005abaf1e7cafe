using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>
/// One rollout's share of a save: its new state, the transitions and measurements that led to it, and the outbox
/// deliveries of the notices it raised (stored together, so a notice exists exactly when its transition does).
/// </summary>
internal sealed record RolloutWrite(
    RolloutState State,
    IReadOnlyList<Transition> Transitions,
    IReadOnlyList<MeasurementRecord> Measurements,
    IReadOnlyList<OutboxDelivery>? Deliveries = null)
{
    public IReadOnlyList<OutboxDelivery> Outbox => Deliveries ?? [];

    /// <summary>Throws for a transition or measurement of another flag: a bug in the caller, never data.</summary>
    public void EnsureConsistent()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(State.Version);
        if (Transitions.FirstOrDefault(t => t.FlagKey != State.FlagKey) is { } strayTransition)
            throw new ArgumentException($"transition of '{strayTransition.FlagKey}' saved with rollout '{State.FlagKey}'", nameof(Transitions));
        if (Measurements.FirstOrDefault(m => m.FlagKey != State.FlagKey) is { } strayMeasurement)
            throw new ArgumentException($"measurement of '{strayMeasurement.FlagKey}' saved with rollout '{State.FlagKey}'", nameof(Measurements));
        if (Outbox.FirstOrDefault(d => d.FlagKey != State.FlagKey) is { } strayDelivery)
            throw new ArgumentException($"notice of '{strayDelivery.FlagKey}' saved with rollout '{State.FlagKey}'", nameof(Deliveries));
    }
}
