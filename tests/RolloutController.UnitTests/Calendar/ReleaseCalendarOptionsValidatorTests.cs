using RolloutController.Calendar;

namespace RolloutController.UnitTests.Calendar;

public sealed class ReleaseCalendarOptionsValidatorTests
{
    [Fact]
    public void Every_bad_freeze_is_listed_with_its_key_and_value()
    {
        var options = new ReleaseCalendarOptions
        {
            Freezes =
            [
                new FreezeOptions { From = "2026-12-20", To = "2027-01-04", Reason = "year-end freeze", TimeZone = "Europe/Berlin" },
                new FreezeOptions { From = "20.12.2026", To = "2026-12-01", Reason = " ", TimeZone = "Berlin" },
                new FreezeOptions { From = "2026-12-20", To = "2026-12-19", Reason = "backwards" },
            ],
        };

        new ReleaseCalendarOptionsValidator().Validate(null, options).Failures.ShouldBe(
        [
            "RolloutController:ReleaseCalendar:Freezes:1:From must be a date written YYYY-MM-DD (was '20.12.2026')",
            "RolloutController:ReleaseCalendar:Freezes:1:Reason is required: it is shown with every rollout the freeze holds",
            "RolloutController:ReleaseCalendar:Freezes:1:TimeZone: unknown time zone 'Berlin': use an IANA name such as Europe/Berlin, America/New_York or UTC",
            "RolloutController:ReleaseCalendar:Freezes:2:To must be on or after From (2026-12-20) (was '2026-12-19')",
        ]);
    }

    [Fact]
    public void A_valid_calendar_is_what_the_gate_reads()
    {
        var options = new ReleaseCalendarOptions { Freezes = [new FreezeOptions { From = "2026-12-20", To = "2027-01-04", Reason = "year-end freeze" }] };

        new ReleaseCalendarOptionsValidator().Validate(null, options).Succeeded.ShouldBeTrue();
        var period = new FreezeCalendar(Microsoft.Extensions.Options.Options.Create(options)).Periods.ShouldHaveSingleItem();
        period.Begins.ShouldBe(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero));
        period.Ends.ShouldBe(new DateTimeOffset(2027, 1, 5, 0, 0, 0, TimeSpan.Zero));
        period.Reason.ShouldBe("year-end freeze");
    }
}
