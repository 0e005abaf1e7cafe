using RolloutController.Notifications.Alertmanager;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Notifications;
using static RolloutController.UnitTests.Notifications.Alertmanager.AlertmanagerMessages;

namespace RolloutController.UnitTests.Notifications.Alertmanager;

public sealed class AlertTimelineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 14, 5, 0, TimeSpan.Zero);

    [Fact]
    public void A_rollback_fires_until_a_person_resumes()
    {
        var rollback = Rollback("01", T0);
        var resume = Notice(NoticeKind.Resumed, "alice", "02", T0.AddMinutes(30));

        AlertTimeline.Firing([rollback]).ShouldBe([rollback]);
        AlertTimeline.EndOf(rollback, [rollback]).ShouldBeNull();
        AlertTimeline.Firing([rollback, resume]).ShouldBeEmpty();
        AlertTimeline.EndOf(rollback, [rollback, resume]).ShouldBe(resume.At);
        AlertTimeline.EndedBy(resume, [rollback, resume]).ShouldBe([rollback]);
    }

    [Fact]
    public void A_resume_ends_every_alert_of_the_incident_and_none_of_an_earlier_one()
    {
        var first = Rollback("01", T0);
        var firstResume = Notice(NoticeKind.Resumed, "alice", "02", T0.AddMinutes(1));
        var pause = Notice(NoticeKind.Paused, "controller", "03", T0.AddMinutes(2));
        var rollback = Rollback("04", T0.AddMinutes(3));
        var resume = Notice(NoticeKind.Resumed, "bob", "05", T0.AddMinutes(4));
        var history = new[] { first, firstResume, pause, rollback, resume };

        AlertTimeline.EndedBy(resume, history).ShouldBe([pause, rollback]);
        AlertTimeline.EndedBy(firstResume, history).ShouldBe([first]);
        AlertTimeline.Firing(history[..4]).ShouldBe([pause, rollback]);
    }

    [Fact]
    public void Notices_that_neither_open_nor_close_change_nothing()
    {
        var rollback = Rollback("01", T0);
        var personsPause = Notice(NoticeKind.Paused, "alice", "02", T0.AddMinutes(1));
        var advanced = Notice(NoticeKind.Advanced, "controller", "03", T0.AddMinutes(2));

        AlertTimeline.Firing([rollback, personsPause, advanced]).ShouldBe([rollback]);
        AlertTimeline.EndedBy(advanced, [rollback, personsPause, advanced]).ShouldBeEmpty();
    }

    [Fact]
    public void Notices_of_the_same_second_keep_the_order_of_their_ids()
    {
        var rollback = Rollback("0196a", T0);
        var abortByPerson = Notice(NoticeKind.Aborted, "alice", "0196b", T0);

        AlertTimeline.EndOf(rollback, [abortByPerson, rollback]).ShouldBe(T0);
        AlertTimeline.EndedBy(abortByPerson, [rollback, abortByPerson]).ShouldBe([rollback]);
        // The other way round, the resolve came first: it ends nothing, and the rollback fires.
        var laterRollback = Rollback("0196c", T0);
        AlertTimeline.Firing([abortByPerson, laterRollback]).ShouldBe([laterRollback]);
    }

    [Fact]
    public void A_resume_with_no_open_incident_ends_nothing()
    {
        var resume = Notice(NoticeKind.Resumed, "alice", "01", T0);
        AlertTimeline.EndedBy(resume, [resume]).ShouldBeEmpty();
    }

    [Fact]
    public void Alertmanager_takes_incidents_and_warnings_but_no_information_that_closes_nothing()
    {
        AlertTimeline.Takes(Rollback("01", T0)).ShouldBeTrue();
        AlertTimeline.Takes(Notice(NoticeKind.Resumed, "alice", "02", T0)).ShouldBeTrue();
        AlertTimeline.Takes(Notice(NoticeKind.Paused, "controller", "03", T0)).ShouldBeTrue();
        AlertTimeline.Takes(Notice(NoticeKind.Advanced, "controller", "04", T0)).ShouldBeFalse();
        AlertTimeline.Takes(Notice(NoticeKind.Paused, "alice", "05", T0)).ShouldBeFalse();
        AlertTimeline.Takes(NotificationFixtures.SegmentExcluded()).ShouldBeTrue();
    }

    [Fact]
    public void Opening_kinds_are_exactly_those_the_incident_rule_can_open_on()
    {
        var controller = new Transition("f", RolloutTrigger.Rollback, RolloutPhase.Observing, RolloutPhase.RolledBack, 0, 0, 1m, 0m,
            "controller", "r", T0);
        var opening = Enum.GetValues<NoticeKind>().Where(k => IncidentRule.Of(k, controller) == IncidentAction.Trigger);
        AlertTimeline.OpeningKinds.ShouldBe(opening, ignoreOrder: true);
    }
}
