namespace RolloutController.Calendar;

/// <summary>
/// A weekly window in which stages may advance, e.g. <c>Mon-Thu 09:00-16:00 Europe/Berlin</c>: the listed days, from
/// <see cref="Start"/> (inclusive) to <see cref="End"/> (exclusive), read on the wall clock of <see cref="Zone"/>.
/// </summary>
/// <param name="Days">Days of the week the window opens on, in the zone's local time.</param>
/// <param name="Start">Local time of day the window opens, 00:00–23:59.</param>
/// <param name="End">Local time of day it closes, after <see cref="Start"/>; up to 24:00 (midnight at the end of the day).</param>
/// <param name="Zone">The IANA time zone whose wall clock the times are read on.</param>
/// <param name="Text">The window as written, for messages.</param>
internal sealed record ReleaseWindow(IReadOnlySet<DayOfWeek> Days, TimeSpan Start, TimeSpan End, TimeZoneInfo Zone, string Text);
