namespace RolloutController.Calendar;

/// <summary>
/// A controller-wide period in which no rollout advances (<c>2026-12-20 → 2027-01-04: year-end freeze</c>): from the start
/// of <see cref="From"/> to the end of <see cref="To"/> (both days included), on the wall clock of <see cref="Zone"/>.
/// </summary>
/// <param name="Reason">Shown with every rollout it holds, e.g. <c>year-end freeze</c>.</param>
internal sealed record FreezePeriod(DateOnly From, DateOnly To, string Reason, TimeZoneInfo Zone)
{
    /// <summary>The instant the freeze begins: midnight at the start of <see cref="From"/> in <see cref="Zone"/>.</summary>
    public DateTimeOffset Begins => ReleaseCalendar.LocalToInstant(From.ToDateTime(TimeOnly.MinValue), Zone);

    /// <summary>The instant it ends: midnight at the end of <see cref="To"/> in <see cref="Zone"/>.</summary>
    public DateTimeOffset Ends => ReleaseCalendar.LocalToInstant(To.AddDays(1).ToDateTime(TimeOnly.MinValue), Zone);
}
