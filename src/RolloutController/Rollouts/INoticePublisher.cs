using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Rollouts;

/// <summary>Hands notices to delivery. Must return at once: a rollback is never delayed by notification delivery.</summary>
internal interface INoticePublisher
{
    void Publish(RolloutNotice notice, RolloutPolicy policy);
}
