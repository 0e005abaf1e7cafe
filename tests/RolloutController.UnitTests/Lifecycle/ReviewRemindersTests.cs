using Microsoft.Extensions.Time.Testing;
using RolloutController.Lifecycle;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Lifecycle;

/// <summary>A reminder when a review is due, once, then weekly while overdue; and when a release flag is stale.</summary>
public sealed class ReviewRemindersTests
{
    private static readonly RemovalSpec Removal = new("at 100% for 7 days with guardrails green", new DateOnly(2026, 12, 15));

    // Mid-morning on the day before the review date.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 14, 9, 30, 0, TimeSpan.Zero));

    private DateTimeOffset Now => _clock.GetUtcNow();

    private DateOnly Today => DateOnly.FromDateTime(Now.UtcDateTime);

    private LifecycleAssessment Assess(RemovalSpec removal, DateTimeOffset? fullSince = null, ReviewDecision? decision = null) =>
        FlagLifecycle.Assess(FlagType.Release, removal, fullSince, decision, null, Today);

    private IReadOnlyList<ReviewReminder> Decide(LifecycleAssessment assessment, IReadOnlyList<ReviewReminder> sent) =>
        ReviewReminders.Decide("new-checkout", assessment, sent, Now);

    [Fact]
    public void Nothing_is_due_before_the_review_date_then_one_reminder_on_the_day()
    {
        Decide(Assess(Removal), []).ShouldBeEmpty();
        ReviewReminders.MayBeDue(Assess(Removal), Today).ShouldBeFalse();

        _clock.Advance(TimeSpan.FromDays(1));

        var due = Decide(Assess(Removal), []).ShouldHaveSingleItem();
        due.ShouldBe(new ReviewReminder("new-checkout", ReminderKind.ReviewDue, new DateOnly(2026, 12, 15), Now, 1));
        ReviewReminders.MayBeDue(Assess(Removal), Today).ShouldBeTrue();
    }

    [Fact]
    public void Once_sent_it_comes_again_only_after_a_week_while_overdue()
    {
        _clock.Advance(TimeSpan.FromDays(1));
        var first = Decide(Assess(Removal), []).Single();

        // Every minute of the following week (a restart, another replica reading the same row) sends nothing.
        foreach (var step in new[] { TimeSpan.FromMinutes(1), TimeSpan.FromDays(1), TimeSpan.FromDays(6) - TimeSpan.FromMinutes(2) })
        {
            _clock.Advance(step);
            Decide(Assess(Removal), [first]).ShouldBeEmpty();
        }

        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = Decide(Assess(Removal), [first]).ShouldHaveSingleItem();
        (second.Due, second.Sent, second.SentAt).ShouldBe((first.Due, 2L, first.SentAt + ReviewReminders.Every));
        Decide(Assess(Removal), [second]).ShouldBeEmpty();
    }

    [Fact]
    public void An_extension_stops_the_reminders_until_its_date_which_then_reminds_at_once()
    {
        _clock.Advance(TimeSpan.FromDays(1));
        var first = Decide(Assess(Removal), []).Single();
        var extended = new ReviewDecision(ReviewVerdict.Extend, new DateOnly(2027, 1, 31), Now, "alice");

        _clock.Advance(TimeSpan.FromDays(20));
        Decide(Assess(Removal, decision: extended), [first]).ShouldBeEmpty();

        _clock.SetUtcNow(new DateTimeOffset(2027, 1, 31, 0, 1, 0, TimeSpan.Zero));
        var again = Decide(Assess(Removal, decision: extended), [first]).ShouldHaveSingleItem();
        (again.Kind, again.Due, again.Sent).ShouldBe((ReminderKind.ReviewDue, new DateOnly(2027, 1, 31), 2L));
    }

    [Fact]
    public void A_release_flag_at_100_percent_past_its_lifetime_is_reminded_to_be_removed_from_code()
    {
        var fullSince = Now.AddDays(-15);
        var assessment = Assess(Removal with { ReviewBy = new DateOnly(2027, 3, 1) }, fullSince);

        var due = Decide(assessment, []).ShouldHaveSingleItem();
        (due.Kind, due.Due).ShouldBe((ReminderKind.RemoveFromCode, new DateOnly(2026, 12, 13)));

        var notice = ReviewReminders.Notice(due, assessment, RolloutState.New("new-checkout", "new-checkout", null, Now) with { Phase = RolloutPhase.Completed, Weight = 100m });
        notice.Kind.ShouldBe(NoticeKind.RemoveFromCode);
        notice.Severity.ShouldBe(NoticeSeverity.Warning);
        notice.Summary.ShouldBe("'new-checkout' has served 100% past its lifetime (14d at 100%, remove by 2026-12-13): remove it from code: " +
                                "criterion at 100% for 7 days with guardrails green");
        notice.NextStep.ShouldContain("rolloutctl review decide new-checkout delete|extend --until DATE|promote-to-ops");
        (notice.Transition.Trigger, notice.Transition.FromWeight, notice.Transition.ToWeight).ShouldBe((RolloutTrigger.Warn, 100m, 100m));
        Decide(assessment, [due]).ShouldBeEmpty();
    }

    [Fact]
    public void An_overdue_and_stale_flag_gets_both_reminders_each_on_its_own_week()
    {
        var assessment = Assess(Removal with { ReviewBy = new DateOnly(2026, 12, 10) }, Now.AddDays(-20));
        var sentReview = new ReviewReminder("new-checkout", ReminderKind.ReviewDue, new DateOnly(2026, 12, 10), Now.AddDays(-2), 1);

        Decide(assessment, []).Select(r => r.Kind).ShouldBe([ReminderKind.ReviewDue, ReminderKind.RemoveFromCode]);
        Decide(assessment, [sentReview]).Select(r => r.Kind).ShouldBe([ReminderKind.RemoveFromCode]);
    }

    [Fact]
    public void Another_flags_reminder_does_not_count_and_the_notice_says_how_overdue()
    {
        _clock.Advance(TimeSpan.FromDays(4));
        var other = new ReviewReminder("other-flag", ReminderKind.ReviewDue, new DateOnly(2026, 12, 15), Now, 3);

        var due = Decide(Assess(Removal), [other]).ShouldHaveSingleItem();
        due.Sent.ShouldBe(1);

        var notice = ReviewReminders.Notice(due, Assess(Removal), null);
        notice.Summary.ShouldBe("'new-checkout' is overdue for review: review by 2026-12-15, 3 days ago");
        notice.Action.ShouldBe("Nothing changed in what is served. This reminder comes again every 7 days until the review is decided or its date moved.");
        (notice.Kind, notice.Transition.From, notice.Transition.ToStage, notice.Transition.Actor)
            .ShouldBe((NoticeKind.ReviewDue, RolloutPhase.Completed, -1, "controller"));
    }
}
