using RolloutController.Notifications;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Fakes;

namespace RolloutController.UnitTests.Notifications.Alertmanager;

/// <summary>Messages as the controller builds them, at chosen times: the sample rollback, and the notices around it.</summary>
internal static class AlertmanagerMessages
{
    public static NotificationMessage Rollback(string id, DateTimeOffset at) =>
        NotificationMessageBuilder.Build(SampleNotices.Rollback(), SampleNotices.Policy(), TestLinks.Prometheus("http://prom:9090"), id, at);

    /// <summary>A notice of <paramref name="kind"/> by <paramref name="actor"/>, with no guardrail evidence.</summary>
    public static NotificationMessage Notice(NoticeKind kind, string actor, string id, DateTimeOffset at)
    {
        var transition = new Transition("new-checkout", RolloutTrigger.Resume, RolloutPhase.RolledBack, RolloutPhase.Observing,
            FromStage: -1, ToStage: 0, FromWeight: 0m, ToWeight: 1m, actor, "fixed in 2.4.1", at);
        var notice = new RolloutNotice(kind, NoticeSeverity.Info, "new-checkout", $"'new-checkout' {kind}", "Restarted at stage 1",
            "Nothing to do", transition, [], []);
        return NotificationMessageBuilder.Build(notice, SampleNotices.Policy(), TestLinks.Prometheus("http://prom:9090"), id, at);
    }
}
