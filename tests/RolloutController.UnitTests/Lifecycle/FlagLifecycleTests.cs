using RolloutController.Lifecycle;
using RolloutController.Policies;
using RolloutController.TestUtilities.Builders;

namespace RolloutController.UnitTests.Lifecycle;

/// <summary>Lifetimes per type (release 14 days at 100%, experiment at its end, ops and permission reviewed quarterly), overridable per flag.</summary>
public sealed class FlagLifecycleTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly RemovalSpec Removal = new("at 100% for 7 days", new DateOnly(2026, 12, 15));

    [Fact]
    public void A_release_flag_at_100_percent_is_stale_14_days_after_reaching_it()
    {
        var fresh = FlagLifecycle.Assess(FlagType.Release, Removal, Now.AddDays(-13), null, null, Today);
        var stale = FlagLifecycle.Assess(FlagType.Release, Removal, Now.AddDays(-15), null, null, Today);

        (fresh.RemoveBy, fresh.Stale, fresh.Lifetime).ShouldBe((new DateOnly(2026, 12, 4), false, TimeSpan.FromDays(14)));
        (stale.RemoveBy, stale.Stale, stale.Suggested).ShouldBe((new DateOnly(2026, 12, 2), true, ReviewVerdict.Delete));
        stale.Overdue.ShouldBeFalse();
    }

    [Fact]
    public void A_lifetime_in_the_file_overrides_the_default()
    {
        var assessment = FlagLifecycle.Assess(FlagType.Release, Removal with { Lifetime = TimeSpan.FromDays(30) }, Now.AddDays(-20), null, null, Today);

        (assessment.RemoveBy, assessment.Stale).ShouldBe((new DateOnly(2026, 12, 13), false));
    }

    [Fact]
    public void A_release_flag_not_at_100_percent_is_only_due_for_review()
    {
        var overdue = FlagLifecycle.Assess(FlagType.Release, Removal with { ReviewBy = new DateOnly(2026, 12, 1) }, null, null, null, Today);

        (overdue.Overdue, overdue.Stale, overdue.RemoveBy, overdue.Suggested).ShouldBe((true, false, null, ReviewVerdict.Extend));
    }

    [Fact]
    public void An_experiment_ends_at_its_review_date()
    {
        var ended = FlagLifecycle.Assess(FlagType.Experiment, Removal with { ReviewBy = new DateOnly(2026, 12, 1) }, null, null, null, Today);

        (ended.RemoveBy, ended.Stale, ended.Overdue, ended.Suggested).ShouldBe((new DateOnly(2026, 12, 1), true, true, ReviewVerdict.Delete));
    }

    [Fact]
    public void Ops_and_permission_flags_are_permanent_and_reviewed_each_quarter()
    {
        var ops = FlagLifecycle.Assess(FlagType.Ops, null, null, null, Now.AddDays(-100), Today);
        var permission = FlagLifecycle.Assess(FlagType.Permission, null, null, null, Now.AddDays(-10), Today);

        (ops.ReviewBy, ops.Overdue, ops.Stale, ops.Suggested).ShouldBe((new DateOnly(2026, 11, 23), true, false, ReviewVerdict.Extend));
        (permission.Overdue, permission.RemoveBy).ShouldBe((false, null));
    }

    [Fact]
    public void An_extension_moves_the_review_and_holds_off_staleness_until_its_date()
    {
        var extend = new ReviewDecision(ReviewVerdict.Extend, new DateOnly(2027, 1, 31), Now.AddDays(-1), "erin");

        var assessment = FlagLifecycle.Assess(FlagType.Release, Removal with { ReviewBy = new DateOnly(2026, 12, 1) }, Now.AddDays(-30), extend, null, Today);

        (assessment.ReviewBy, assessment.Overdue, assessment.Stale).ShouldBe((new DateOnly(2027, 1, 31), false, false));
    }

    [Fact]
    public void Promoted_to_ops_a_release_flag_is_permanent_from_the_decision_on()
    {
        var promote = new ReviewDecision(ReviewVerdict.PromoteToOps, null, Now.AddDays(-1), "erin");

        var assessment = FlagLifecycle.Assess(FlagType.Release, Removal, Now.AddDays(-60), promote, null, Today);

        (assessment.Type, assessment.Stale, assessment.RemoveBy, assessment.ReviewBy).ShouldBe(("ops", false, null, new DateOnly(2027, 3, 2)));
    }

    [Fact]
    public void A_delete_decision_is_suggested_until_the_flag_is_gone()
    {
        var delete = new ReviewDecision(ReviewVerdict.Delete, null, Now, "erin");

        FlagLifecycle.Assess(FlagType.Release, Removal, null, delete, null, Today).Suggested.ShouldBe(ReviewVerdict.Delete);
    }

    [Theory]
    [InlineData("delete")]
    [InlineData("extend until 2027-01-31")]
    [InlineData("promote-to-ops")]
    public void A_decision_reads_back_from_its_audit_text(string text) =>
        ReviewDecision.Parse(text, Now, "erin")!.Text.ShouldBe(text);

    private static RolloutPolicy Release(string flag, DateOnly reviewBy) =>
        TestUtilities.Builders.Policies.Default(flag) is var p ? p with { Metadata = p.Metadata with { Removal = Removal with { ReviewBy = reviewBy } } } : null!;

    [Fact]
    public void A_past_review_date_is_a_warning_naming_the_command()
    {
        var warning = FlagLifecycle.PastReviewBy([Release("old-flag", new DateOnly(2026, 11, 1))], Today).ShouldHaveSingleItem();

        warning.IsWarning.ShouldBeTrue();
        warning.Path.ShouldBe("metadata.removal.reviewBy");
        warning.Message.ShouldStartWith("reviewBy 2026-11-01 of 'old-flag' is in the past: review the flag (rolloutctl review decide old-flag delete|extend");
        FlagLifecycle.PastReviewBy([Release("new-flag", Today)], Today).ShouldBeEmpty();
    }
}
