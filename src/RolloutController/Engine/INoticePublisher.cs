using RolloutController.Policies;
using RolloutController.Store;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>
/// Where the engine's notices go: into the outbox with the transition that raised them, then out to on-call. Every member
/// returns at once: a rollback is never delayed by notification delivery.
/// </summary>
internal interface INoticePublisher
{
    /// <summary>The outbox deliveries of <paramref name="notice"/>, to be stored with its transition in one transaction.</summary>
    IReadOnlyList<OutboxDelivery> Prepare(RolloutNotice notice, RolloutPolicy policy);

    /// <summary>Deliveries were stored: send them now rather than at the next poll of the outbox.</summary>
    void Stored();

    /// <summary>
    /// Sends deliveries the store could not take yet (a safety action applied ahead of being stored) once, from memory, so
    /// on-call hears of the action whatever the store does. Completes with each delivery as it stands after that attempt,
    /// to be stored (and retried from the outbox if it failed) when the action is.
    /// </summary>
    Task<IReadOnlyList<OutboxDelivery>> DeliverNowAsync(IReadOnlyList<OutboxDelivery> deliveries);
}
