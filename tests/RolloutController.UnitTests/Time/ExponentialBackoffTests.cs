using RolloutController.Time;

namespace RolloutController.UnitTests.Time;

public sealed class ExponentialBackoffTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void Doubles_from_the_initial_wait_up_to_the_cap()
    {
        Enumerable.Range(1, 4).Select(r => ExponentialBackoff.Delay(Second, TimeSpan.FromMinutes(5), r, 0)).ShouldBe(
            [Second, 2 * Second, 4 * Second, 8 * Second]);
        ExponentialBackoff.Delay(Second, 3 * Second, 3, 0).ShouldBe(3 * Second);
        ExponentialBackoff.Delay(Second, TimeSpan.FromMinutes(5), int.MaxValue, 0).ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Jitter_takes_off_at_most_a_quarter()
    {
        ExponentialBackoff.Delay(4 * Second, TimeSpan.FromMinutes(1), 1, 0.5).ShouldBe(3.5 * Second);
        ExponentialBackoff.Delay(4 * Second, TimeSpan.FromMinutes(1), 1, 1).ShouldBe(3 * Second);
        ExponentialBackoff.Delay(4 * Second, TimeSpan.FromMinutes(1), 1, 7).ShouldBe(3 * Second);
    }

    [Fact]
    public void No_initial_wait_or_no_room_is_no_wait()
    {
        ExponentialBackoff.Delay(TimeSpan.Zero, Second, 3, 0).ShouldBe(TimeSpan.Zero);
        ExponentialBackoff.Delay(Second, TimeSpan.Zero, 3, 0).ShouldBe(TimeSpan.Zero);
    }
}
