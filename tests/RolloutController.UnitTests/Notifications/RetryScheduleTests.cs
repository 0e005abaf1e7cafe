using RolloutController.Notifications;

namespace RolloutController.UnitTests.Notifications;

public sealed class RetryScheduleTests
{
    private static readonly RetrySchedule Defaults = RetrySchedule.From(new NotificationOptions());

    [Fact]
    public void Defaults_are_six_attempts_from_one_second_doubling()
    {
        Defaults.ShouldBe(new RetrySchedule(6, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5)));
        Enumerable.Range(1, 5).Select(a => Defaults.DelayAfter(a, jitter: 0).TotalSeconds).ShouldBe([1, 2, 4, 8, 16]);
        Defaults.HasAttemptAfter(5).ShouldBeTrue();
        Defaults.HasAttemptAfter(6).ShouldBeFalse();
    }

    [Fact]
    public void Backoff_is_capped_at_max_even_for_large_attempt_numbers()
    {
        Defaults.DelayAfter(9, jitter: 0).ShouldBe(TimeSpan.FromSeconds(256));
        Defaults.DelayAfter(10, jitter: 0).ShouldBe(TimeSpan.FromMinutes(5));
        Defaults.DelayAfter(10_000, jitter: 0).ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Jitter_shortens_the_wait_by_at_most_a_quarter()
    {
        Defaults.DelayAfter(3, jitter: 0.5).ShouldBe(TimeSpan.FromSeconds(3.5));
        Defaults.DelayAfter(3, jitter: 1).ShouldBe(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Retry_after_lengthens_the_wait_but_not_past_max()
    {
        Defaults.DelayAfter(1, jitter: 0, retryAfter: TimeSpan.FromSeconds(30)).ShouldBe(TimeSpan.FromSeconds(30));
        Defaults.DelayAfter(4, jitter: 0, retryAfter: TimeSpan.FromSeconds(2)).ShouldBe(TimeSpan.FromSeconds(8));
        Defaults.DelayAfter(1, jitter: 0, retryAfter: TimeSpan.FromHours(1)).ShouldBe(TimeSpan.FromMinutes(5));
    }
}
