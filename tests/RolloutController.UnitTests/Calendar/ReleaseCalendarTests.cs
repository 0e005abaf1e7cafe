using RolloutController.Calendar;

namespace RolloutController.UnitTests.Calendar;

/// <summary>Release windows on the wall clock of their zone, across daylight-saving changes, and freezes.</summary>
public sealed class ReleaseCalendarTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static ReleaseWindow Window(string text) =>
        ReleaseWindowParser.TryParse(text, out var error) ?? throw new InvalidOperationException(error);

    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Theory]
    // Thursday 2026-12-03: 09:00 in Berlin (winter, UTC+1) is 08:00 UTC.
    [InlineData(2026, 12, 3, 7, 59, false)]
    [InlineData(2026, 12, 3, 8, 0, true)]
    [InlineData(2026, 12, 3, 14, 59, true)]
    [InlineData(2026, 12, 3, 15, 0, false)]
    // Friday is not in Mon-Thu; Monday is.
    [InlineData(2026, 12, 4, 10, 0, false)]
    [InlineData(2026, 12, 7, 10, 0, true)]
    // Summer (UTC+2): 09:00 in Berlin is 07:00 UTC.
    [InlineData(2026, 7, 2, 7, 0, true)]
    [InlineData(2026, 7, 2, 13, 59, true)]
    [InlineData(2026, 7, 2, 14, 0, false)]
    public void A_window_is_read_on_the_wall_clock_of_its_zone(int y, int mo, int d, int h, int mi, bool inside) =>
        ReleaseCalendar.Inside(Window("Mon-Thu 09:00-16:00 Europe/Berlin"), Utc(y, mo, d, h, mi)).ShouldBe(inside);

    [Fact]
    public void Outside_the_window_the_reason_names_it_and_when_it_next_opens()
    {
        // Thursday 2026-12-03 16:30 Berlin: the next opening is Monday 09:00 Berlin, 08:00 UTC.
        var windows = new[] { Window("Mon-Thu 09:00-16:00 Europe/Berlin") };

        ReleaseCalendar.NextOpening(windows, Utc(2026, 12, 3, 15, 30)).ShouldBe(Utc(2026, 12, 7, 8));
        ReleaseCalendar.OutsideWindows(windows, Utc(2026, 12, 3, 15, 30)).ShouldBe(
            ["outside release windows (Mon-Thu 09:00-16:00 Europe/Berlin); next opens Mon 2026-12-07 09:00 Europe/Berlin (08:00 UTC)"]);
        ReleaseCalendar.OutsideWindows(windows, Utc(2026, 12, 3, 9)).ShouldBeEmpty();
        ReleaseCalendar.OutsideWindows([], Utc(2026, 12, 5, 3)).ShouldBeEmpty();
    }

    [Fact]
    public void The_earliest_of_several_windows_in_different_zones_opens_next()
    {
        var windows = new[] { Window("Mon-Fri 09:00-17:00 America/New_York"), Window("Tue 08:00-10:00 Europe/Berlin") };

        // Monday 2026-12-07 23:00 UTC: New York opens Tuesday 14:00 UTC, Berlin Tuesday 07:00 UTC.
        ReleaseCalendar.NextOpening(windows, Utc(2026, 12, 7, 23)).ShouldBe(Utc(2026, 12, 8, 7));
        ReleaseCalendar.InsideWindow(windows, Utc(2026, 12, 8, 15)).ShouldBeTrue();
    }

    [Fact]
    public void Spring_forward_keeps_local_hours_and_a_window_opening_in_the_gap_opens_at_its_end()
    {
        // Sunday 2027-03-28: Berlin skips from 02:00 CET (01:00 UTC) to 03:00 CEST.
        var window = Window("Sun 02:30-04:00 Europe/Berlin");

        ReleaseCalendar.Inside(window, Utc(2027, 3, 28, 0, 59)).ShouldBeFalse(); // 01:59 CET
        ReleaseCalendar.Inside(window, Utc(2027, 3, 28, 1, 0)).ShouldBeTrue(); // 03:00 CEST, the first instant after the gap
        ReleaseCalendar.Inside(window, Utc(2027, 3, 28, 1, 59)).ShouldBeTrue(); // 03:59 CEST
        ReleaseCalendar.Inside(window, Utc(2027, 3, 28, 2, 0)).ShouldBeFalse(); // 04:00 CEST
        ReleaseCalendar.NextOpening([window], Utc(2027, 3, 27, 12)).ShouldBe(Utc(2027, 3, 28, 1));
        ReleaseCalendar.LocalToInstant(new DateTime(2027, 3, 28, 2, 30, 0), Berlin).ShouldBe(Utc(2027, 3, 28, 1));
    }

    [Fact]
    public void A_window_edge_keeps_its_local_time_on_both_sides_of_spring_forward()
    {
        var window = Window("Sat-Mon 09:00-16:00 Europe/Berlin");

        // Saturday before the change, 09:00 CET = 08:00 UTC; Monday after it, 09:00 CEST = 07:00 UTC.
        ReleaseCalendar.Inside(window, Utc(2027, 3, 27, 7, 59)).ShouldBeFalse();
        ReleaseCalendar.Inside(window, Utc(2027, 3, 27, 8, 0)).ShouldBeTrue();
        ReleaseCalendar.Inside(window, Utc(2027, 3, 29, 6, 59)).ShouldBeFalse();
        ReleaseCalendar.Inside(window, Utc(2027, 3, 29, 7, 0)).ShouldBeTrue();
        ReleaseCalendar.NextOpening([window], Utc(2027, 3, 28, 15)).ShouldBe(Utc(2027, 3, 29, 7));
    }

    [Fact]
    public void Fall_back_repeats_an_hour_and_a_window_in_it_is_open_both_times()
    {
        // Sunday 2026-10-25: Berlin goes from 03:00 CEST (01:00 UTC) back to 02:00 CET; 02:00-03:00 happens twice.
        var window = Window("Sun 02:15-02:45 Europe/Berlin");

        ReleaseCalendar.Inside(window, Utc(2026, 10, 25, 0, 20)).ShouldBeTrue(); // 02:20 CEST
        ReleaseCalendar.Inside(window, Utc(2026, 10, 25, 0, 50)).ShouldBeFalse(); // 02:50 CEST
        ReleaseCalendar.Inside(window, Utc(2026, 10, 25, 1, 20)).ShouldBeTrue(); // 02:20 CET
        ReleaseCalendar.Inside(window, Utc(2026, 10, 25, 1, 45)).ShouldBeFalse(); // 02:45 CET
        // Looked for before the change, it opens at the first 02:15.
        ReleaseCalendar.NextOpening([window], Utc(2026, 10, 24, 12)).ShouldBe(Utc(2026, 10, 25, 0, 15));
        ReleaseCalendar.LocalToInstant(new DateTime(2026, 10, 25, 2, 15, 0), Berlin).ShouldBe(Utc(2026, 10, 25, 0, 15));
    }

    [Fact]
    public void A_window_that_falls_wholly_in_the_gap_does_not_open_that_day()
    {
        var window = Window("Sun 02:10-02:50 Europe/Berlin");

        // It cannot open on 2027-03-28 (02:00-03:00 does not exist); the next Sunday it opens as usual, 02:10 CEST.
        ReleaseCalendar.NextOpening([window], Utc(2027, 3, 27, 12)).ShouldBe(Utc(2027, 4, 4, 0, 10));
    }

    [Fact]
    public void A_freeze_holds_from_the_start_of_its_first_day_to_the_end_of_its_last_in_its_zone()
    {
        var freeze = new FreezePeriod(new DateOnly(2026, 12, 20), new DateOnly(2027, 1, 4), "year-end freeze", Berlin);

        ReleaseCalendar.FreezesAt([freeze], Utc(2026, 12, 19, 22, 59)).ShouldBeEmpty();
        ReleaseCalendar.FreezesAt([freeze], Utc(2026, 12, 19, 23, 0)).ShouldBe([freeze]);
        ReleaseCalendar.FreezesAt([freeze], Utc(2027, 1, 4, 22, 59)).ShouldBe([freeze]);
        ReleaseCalendar.FreezesAt([freeze], Utc(2027, 1, 4, 23, 0)).ShouldBeEmpty();
        ReleaseCalendar.Frozen([freeze], Utc(2026, 12, 24, 12)).ShouldBe(["frozen: year-end freeze until Tue 2027-01-05 00:00 Europe/Berlin (2027-01-04 23:00 UTC)"]);
    }

    [Fact]
    public void Every_reason_the_calendar_is_closed_is_listed()
    {
        var utc = TimeZoneInfo.FindSystemTimeZoneById("UTC");
        var freeze = new FreezePeriod(new DateOnly(2026, 12, 20), new DateOnly(2027, 1, 4), "year-end freeze", utc);

        ReleaseCalendar.Closed([Window("Mon-Thu 09:00-16:00 UTC")], [freeze], Utc(2026, 12, 26, 12)).ShouldBe(
        [
            "outside release windows (Mon-Thu 09:00-16:00 UTC); next opens Mon 2026-12-28 09:00 UTC",
            "frozen: year-end freeze until Tue 2027-01-05 00:00 UTC",
        ]);
    }

    [Theory]
    [InlineData("Mon-Thu 9:00-16:00 Europe/Berlin", "'Mon-Thu 9:00-16:00 Europe/Berlin' is not a release window: write DAYS HH:MM-HH:MM ZONE, e.g. 'Mon-Thu 09:00-16:00 Europe/Berlin'")]
    [InlineData("Mon-Funday 09:00-16:00 Europe/Berlin", "'Mon-Funday' is not a day or a range of days: use Mon, Tue, Wed, Thu, Fri, Sat, Sun, ranges such as Mon-Thu and lists such as Mon,Wed,Fri")]
    [InlineData("Mon 25:00-26:00 Europe/Berlin", "'25:00' is not a time of day: use 00:00 to 23:59")]
    [InlineData("Mon 09:00-24:30 Europe/Berlin", "'24:30' is not a time of day: use 00:01 to 24:00")]
    [InlineData("Mon 16:00-09:00 Europe/Berlin", "the window must end after it starts on the same day, got 16:00-09:00 (for a window past midnight write two, e.g. 'Fri 22:00-24:00 …' and 'Sat 00:00-02:00 …')")]
    [InlineData("Mon 09:00-16:00 Europe/Atlantis", "unknown time zone 'Europe/Atlantis': use an IANA name such as Europe/Berlin, America/New_York or UTC")]
    [InlineData("Mon 09:00-16:00 CET", "unknown time zone 'CET': use an IANA name such as Europe/Berlin, America/New_York or UTC")]
    public void A_bad_window_says_what_is_wrong(string text, string error)
    {
        ReleaseWindowParser.TryParse(text, out var message).ShouldBeNull();
        message.ShouldBe(error);
    }

    [Fact]
    public void Day_ranges_wrap_around_the_week_and_lists_combine()
    {
        Window("Fri-Mon 00:00-24:00 UTC").Days.Order().ShouldBe([DayOfWeek.Sunday, DayOfWeek.Monday, DayOfWeek.Friday, DayOfWeek.Saturday]);
        Window("Mon,Wed-Thu 10:00-11:00 UTC").Days.Order().ShouldBe([DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Thursday]);
    }
}
