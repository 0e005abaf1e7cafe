using RolloutController.Rollouts;

namespace RolloutController.Notifications.Alertmanager;

/// <summary>
/// The one home of which Alertmanager alerts fire and when each ends, from the notices one channel was given
/// (<see cref="IncidentRule"/> says which open and which close an incident).
/// </summary>
/// <remarks>
/// Every notice that opens or keeps open an incident raises an alert; it fires until the first notice after it that
/// closes the incident, whose time is its end. So a pause by the controller followed by a rollback fires two alerts, and
/// the resume that follows ends both. A warning that neither opens nor closes an incident (a round limit, a segment
/// excluded) is a one-off alert that nothing re-posts (it ends by itself, see <see cref="AlertmanagerPayload"/>); an
/// informational one (a start, an advance, a person's pause) is no alert at all.
/// </remarks>
internal static class AlertTimeline
{
    /// <summary>Kinds of notice that may open an incident: the only ones the re-poster has to look for.</summary>
    public static readonly IReadOnlyList<NoticeKind> OpeningKinds =
        [NoticeKind.RolledBack, NoticeKind.NotStored, NoticeKind.RollbackNotApplied, NoticeKind.Aborted, NoticeKind.Paused];

    /// <summary>Whether <paramref name="message"/> goes to Alertmanager: it opens or closes an incident, or it is more than information.</summary>
    public static bool Takes(NotificationMessage message) => message.Incident != IncidentAction.None || message.Severity != NoticeSeverity.Info;

    /// <summary>
    /// When the alert of <paramref name="trigger"/> ends: the time of the first closing notice after it in
    /// <paramref name="history"/>, or null while it fires.
    /// </summary>
    public static DateTimeOffset? EndOf(NotificationMessage trigger, IEnumerable<NotificationMessage> history) =>
        history.Where(m => m.Incident == IncidentAction.Resolve && After(m, trigger))
            .Select(m => (DateTimeOffset?)m.At)
            .Min();

    /// <summary>The alerts firing after everything in <paramref name="history"/>: opening notices not closed since.</summary>
    public static IReadOnlyList<NotificationMessage> Firing(IReadOnlyList<NotificationMessage> history) =>
        history.Where(m => m.Incident == IncidentAction.Trigger && EndOf(m, history) is null).OrderBy(m => m.At).ToList();

    /// <summary>The alerts <paramref name="resolve"/> ends: opening notices before it that nothing closed in between.</summary>
    public static IReadOnlyList<NotificationMessage> EndedBy(NotificationMessage resolve, IReadOnlyList<NotificationMessage> history)
    {
        if (resolve.Incident != IncidentAction.Resolve) return [];
        var before = history.Where(m => m.Id != resolve.Id && After(resolve, m)).ToList();
        return Firing(before);
    }

    // Ordered by time, then by id (ids are time-ordered UUIDv7), so notices of the same second keep the order they were raised in.
    private static bool After(NotificationMessage later, NotificationMessage earlier) =>
        later.At > earlier.At || (later.At == earlier.At && string.CompareOrdinal(later.Id, earlier.Id) > 0);
}
