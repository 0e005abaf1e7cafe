using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.TestUtilities.Fakes;

/// <summary>Keeps every notice the engine publishes, in order.</summary>
internal sealed class RecordingNoticePublisher : INoticePublisher
{
    private readonly Lock _gate = new();
    private readonly List<RolloutNotice> _notices = [];

    public IReadOnlyList<RolloutNotice> Notices
    {
        get { lock (_gate) return [.. _notices]; }
    }

    public void Publish(RolloutNotice notice, RolloutPolicy policy)
    {
        lock (_gate) _notices.Add(notice);
    }
}
