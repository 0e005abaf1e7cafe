using System.Globalization;

namespace RolloutController.Calendar;

/// <summary>
/// When a rollout may move to a higher weight by the calendar: inside one of its policy's release windows (any time when it
/// names none) and outside every controller-wide freeze. Pure: the advancement gate, the start of a rollout and the API
/// views all ask here. Rollbacks, aborts and pauses never ask: moves toward safety act at any time.
/// </summary>
/// <remarks>
/// Windows are read on the wall clock of their zone, so a window keeps its local hours across daylight-saving changes: a
/// local time skipped by a spring-forward transition never occurs (a window opening then opens at the first local time after
/// the gap), and a local time repeated by a fall-back transition counts both times.
/// </remarks>
internal static class ReleaseCalendar
{
    /// <summary>
    /// How far ahead the next opening is looked for: every weekly window opens within a week, or two when its day that week
    /// falls in a daylight-saving gap.
    /// </summary>
    private const int DaysAhead = 15;

    /// <summary>Whether <paramref name="now"/> lies inside one of <paramref name="windows"/>; always true when there are none.</summary>
    public static bool InsideWindow(IReadOnlyList<ReleaseWindow> windows, DateTimeOffset now) =>
        windows.Count == 0 || windows.Any(w => Inside(w, now));

    /// <summary>Whether <paramref name="now"/> lies inside <paramref name="window"/>, on the wall clock of its zone.</summary>
    public static bool Inside(ReleaseWindow window, DateTimeOffset now)
    {
        var local = TimeZoneInfo.ConvertTime(now, window.Zone);
        return window.Days.Contains(local.DayOfWeek) && local.TimeOfDay >= window.Start && local.TimeOfDay < window.End;
    }

    /// <summary>
    /// The first instant at or after <paramref name="now"/> inside one of <paramref name="windows"/>; null when there are
    /// none, or none opens within two weeks (each lies wholly in daylight-saving gaps).
    /// </summary>
    public static DateTimeOffset? NextOpening(IReadOnlyList<ReleaseWindow> windows, DateTimeOffset now)
    {
        DateTimeOffset? first = null;
        foreach (var w in windows)
        {
            var today = TimeZoneInfo.ConvertTime(now, w.Zone).DateTime.Date;
            for (var k = 0; k < DaysAhead; k++)
            {
                var day = today.AddDays(k);
                if (!w.Days.Contains(day.DayOfWeek)) continue;
                var opens = LocalToInstant(day + w.Start, w.Zone);
                var closes = LocalToInstant(day + w.End, w.Zone);
                if (closes <= opens || closes <= now) continue;
                var at = opens > now ? opens : now;
                if (first is null || at < first) first = at;
                break;
            }
        }
        return first;
    }

    /// <summary>The freezes in force at <paramref name="now"/>, in the order configured.</summary>
    public static IReadOnlyList<FreezePeriod> FreezesAt(IReadOnlyList<FreezePeriod>? freezes, DateTimeOffset now) =>
        freezes is null ? [] : freezes.Where(f => f.Begins <= now && now < f.Ends).ToList();

    /// <summary>
    /// Why the calendar keeps the rollout where it is, one reason a line: <c>outside release windows (Mon-Thu 09:00-16:00
    /// Europe/Berlin); next opens Mon 2026-12-07 09:00 Europe/Berlin (08:00 UTC)</c> and <c>frozen: year-end freeze until
    /// 2027-01-05 00:00 UTC</c>. Empty when nothing does.
    /// </summary>
    public static IReadOnlyList<string> Closed(IReadOnlyList<ReleaseWindow> windows, IReadOnlyList<FreezePeriod>? freezes, DateTimeOffset now) =>
        [.. OutsideWindows(windows, now), .. Frozen(freezes, now)];

    /// <inheritdoc cref="Closed"/>
    public static IEnumerable<string> OutsideWindows(IReadOnlyList<ReleaseWindow> windows, DateTimeOffset now)
    {
        if (InsideWindow(windows, now)) yield break;
        var listed = string.Join("; ", windows.Select(w => w.Text));
        yield return NextOpening(windows, now) is { } next
            ? $"outside release windows ({listed}); next opens {Describe(next, windows.First(w => Inside(w, next)).Zone)}"
            : $"outside release windows ({listed}); none opens within two weeks";
    }

    /// <inheritdoc cref="Closed"/>
    public static IEnumerable<string> Frozen(IReadOnlyList<FreezePeriod>? freezes, DateTimeOffset now) =>
        FreezesAt(freezes, now).Select(f => $"frozen: {f.Reason} until {Describe(f.Ends, f.Zone)}");

    /// <summary><c>Mon 2026-12-07 09:00 Europe/Berlin (08:00 UTC)</c>, with seconds when they are not 0; a UTC instant is written once.</summary>
    public static string Describe(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var text = local.ToString(instant.Second == 0 ? "ddd yyyy-MM-dd HH:mm" : "ddd yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " " + zone.Id;
        if (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime) return text;
        var utc = instant.ToUniversalTime();
        return text + $" ({utc.ToString(utc.Date == local.Date ? "HH:mm" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC)";
    }

    /// <summary>
    /// The first instant whose wall-clock time in <paramref name="zone"/> is <paramref name="local"/> or later: the time
    /// itself when it occurs once, its first occurrence when a fall-back transition repeats it, and the end of the gap when
    /// a spring-forward transition skips it.
    /// </summary>
    public static DateTimeOffset LocalToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(local)) return new DateTimeOffset(local, zone.GetAmbiguousTimeOffsets(local).Max());
        if (!zone.IsInvalidTime(local)) return new DateTimeOffset(local, zone.GetUtcOffset(local));
        // In a gap: the first instant whose local time reaches it is the transition itself. Search by the second between
        // the widest possible offsets.
        var low = new DateTimeOffset(local, TimeSpan.Zero) - TimeSpan.FromHours(14);
        var high = new DateTimeOffset(local, TimeSpan.Zero) + TimeSpan.FromHours(14);
        while (high - low > TimeSpan.FromSeconds(1))
        {
            var mid = low + (high - low) / 2;
            if (TimeZoneInfo.ConvertTime(mid, zone).DateTime >= local) high = mid;
            else low = mid;
        }
        return new DateTimeOffset(high.Ticks - high.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    }
}
