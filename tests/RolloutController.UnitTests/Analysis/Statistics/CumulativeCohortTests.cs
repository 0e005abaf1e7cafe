using RolloutController.Analysis.Statistics;

namespace RolloutController.UnitTests.Analysis.Statistics;

public sealed class CumulativeCohortTests
{
    [Fact]
    public void Counts_since_the_first_reading()
    {
        var step = CumulativeCohort.StartAt(new(10, 1_000)).Observe(new(15, 1_500));
        step.Problem.ShouldBeNull();
        step.Reset.ShouldBeFalse();
        step.Increase.ShouldBe(new CohortCounts(5, 500));
        step.Cohort.Observe(new(17, 1_700)).Cohort.SinceStart.ShouldBe(new CohortCounts(7, 700));
    }

    [Fact]
    public void A_counter_going_down_is_a_reset_that_counts_the_new_value()
    {
        var cohort = CumulativeCohort.StartAt(new(10, 1_000)).Observe(new(15, 1_500)).Cohort;
        var step = cohort.Observe(new(2, 100));
        step.Reset.ShouldBeTrue();
        step.Increase.ShouldBe(new CohortCounts(2, 100));
        step.Cohort.SinceStart.ShouldBe(new CohortCounts(7, 600));
        step.Cohort.Resets.ShouldBe(1);
        step.Cohort.Observe(new(3, 300)).Cohort.SinceStart.ShouldBe(new CohortCounts(8, 800));
    }

    [Fact]
    public void Only_one_counter_going_down_resets_both()
    {
        var step = CumulativeCohort.StartAt(new(10, 1_000)).Observe(new(12, 900));
        step.Reset.ShouldBeTrue();
        step.Increase.ShouldBe(new CohortCounts(12, 900));
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(20, 10)]
    public void Impossible_reading_is_rejected_and_the_state_kept(long events, long trials)
    {
        var start = CumulativeCohort.StartAt(new(1, 5));
        var step = start.Observe(new(events, trials));
        step.Problem.ShouldNotBeNull();
        step.Cohort.ShouldBe(start);
    }

    [Fact]
    public void Events_running_ahead_of_trials_waits_for_the_next_reading_and_loses_nothing()
    {
        var start = CumulativeCohort.StartAt(new(10, 1_000));
        var skewed = start.Observe(new(20, 1_005));
        skewed.Problem.ShouldNotBeNull();
        skewed.Cohort.ShouldBe(start);
        skewed.Cohort.Observe(new(20, 1_100)).Cohort.SinceStart.ShouldBe(new CohortCounts(10, 100));
    }

    [Fact]
    public void A_bad_first_reading_is_replaced_by_the_next_good_one()
    {
        var step = CumulativeCohort.StartAt(new(-5, 10)).Observe(new(3, 50));
        step.Problem.ShouldBeNull();
        step.Cohort.SinceStart.ShouldBe(CohortCounts.Zero);
        step.Cohort.Observe(new(4, 60)).Cohort.SinceStart.ShouldBe(new CohortCounts(1, 10));
    }
}
