using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Engine;

namespace RolloutController.TestUtilities.Fakes;

/// <summary>Keeps every notice the engine raises, in order; stores nothing in the outbox.</summary>
internal sealed class RecordingNoticePublisher : INoticePublisher
{
    private readonly Lock _gate = new();
    private readonly List<RolloutNotice> _notices = [];

    public IReadOnlyList<RolloutNotice> Notices
    {
        get { lock (_gate) return [.. _notices]; }
    }

    public IReadOnlyList<OutboxDelivery> Prepare(RolloutNotice notice, RolloutPolicy policy)
    {
        lock (_gate) _notices.Add(notice);
        return [];
    }

    public void Stored()
    {
    }

    public Task<IReadOnlyList<OutboxDelivery>> DeliverNowAsync(IReadOnlyList<OutboxDelivery> deliveries) => Task.FromResult(deliveries);
}
