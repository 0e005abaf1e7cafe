using RolloutController.Rollouts;

namespace RolloutController.Store.Journal;

/// <summary>
/// A safety move applied to what is served but not yet stored: enough to serve it again after a restart and to store it
/// (or carry it over onto what another writer stored meanwhile, <see cref="SafetyRule.Reapply"/>). The measurements of
/// the round that decided it are not kept here; the transitions' reasons carry the evidence.
/// </summary>
/// <param name="Id">Unique per entry; its "stored" record names it.</param>
/// <param name="State">The state served, with the stored version it was decided on.</param>
internal sealed record JournalEntry(
    string Id,
    string PolicyName,
    RolloutState State,
    IReadOnlyList<Transition> Transitions,
    IReadOnlyList<OutboxDelivery> Deliveries,
    DateTimeOffset At);
