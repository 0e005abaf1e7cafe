using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Api;

/// <summary>
/// What the store holds of one rollout beside its state, newest first. <see cref="Note"/> is set (and the lists are
/// empty) when the store did not answer within <see cref="RolloutReads.ReadBudget"/>.
/// </summary>
internal sealed record RolloutRecord(
    IReadOnlyList<MeasurementRecord> Measurements,
    IReadOnlyList<Transition> Transitions,
    IReadOnlyList<NotificationAttempt> Notifications,
    string? Note)
{
    public static RolloutRecord Unread(string note) => new([], [], [], note);
}
