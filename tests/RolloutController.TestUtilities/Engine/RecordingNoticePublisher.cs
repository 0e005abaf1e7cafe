using System.Collections.Concurrent;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.TestUtilities.Engine;

/// <summary>Keeps every notice the engine publishes, in order.</summary>
internal sealed class RecordingNoticePublisher : INoticePublisher
{
    private readonly ConcurrentQueue<RolloutNotice> _notices = new();

    public IReadOnlyList<RolloutNotice> Notices => [.. _notices];

    public void Publish(RolloutNotice notice, RolloutPolicy policy) => _notices.Enqueue(notice);
}
