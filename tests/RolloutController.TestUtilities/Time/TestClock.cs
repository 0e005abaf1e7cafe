using Microsoft.Extensions.Time.Testing;

namespace RolloutController.TestUtilities.Time;

/// <summary>
/// Clocks for tests: <see cref="FakeTimeProvider"/> (timers fire as <c>Advance</c> passes their due time, so days of holds
/// run in milliseconds), starting at one fixed instant. Only the instant is kept here: FakeTimeProvider starts at
/// 2000-01-01, and the example policies' review dates and the tests' expectations are written around November 2026.
/// </summary>
public static class TestClock
{
    /// <summary>2026-11-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock at <see cref="Start"/>.</summary>
    public static FakeTimeProvider New() => new(Start);
}
