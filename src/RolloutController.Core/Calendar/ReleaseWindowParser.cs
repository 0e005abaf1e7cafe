using System.Globalization;
using System.Text.RegularExpressions;

namespace RolloutController.Calendar;

/// <summary>
/// Reads a release window written <c>DAYS HH:MM-HH:MM ZONE</c> (<c>Mon-Thu 09:00-16:00 Europe/Berlin</c>) and IANA zone
/// names. Days are <c>Mon</c> … <c>Sun</c>, ranges (<c>Mon-Fri</c>, wrapping: <c>Fri-Mon</c>) and lists (<c>Mon,Wed,Fri</c>).
/// Pure: every problem is returned as a message, nothing throws.
/// </summary>
internal static partial class ReleaseWindowParser
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    /// <summary>The window, or null and what is wrong with it.</summary>
    public static ReleaseWindow? TryParse(string text, out string? error)
    {
        var match = Shape().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not a release window: write DAYS HH:MM-HH:MM ZONE, e.g. 'Mon-Thu 09:00-16:00 Europe/Berlin'";
            return null;
        }
        var days = Days(match.Groups["days"].Value, out error);
        if (days is null) return null;
        if (!TryTime(match.Groups["start"].Value, allowMidnightEnd: false, out var start))
        {
            error = $"'{match.Groups["start"].Value}' is not a time of day: use 00:00 to 23:59";
            return null;
        }
        if (!TryTime(match.Groups["end"].Value, allowMidnightEnd: true, out var end))
        {
            error = $"'{match.Groups["end"].Value}' is not a time of day: use 00:01 to 24:00";
            return null;
        }
        if (end <= start)
        {
            error = $"the window must end after it starts on the same day, got {match.Groups["start"].Value}-{match.Groups["end"].Value} " +
                "(for a window past midnight write two, e.g. 'Fri 22:00-24:00 …' and 'Sat 00:00-02:00 …')";
            return null;
        }
        var zone = TryZone(match.Groups["zone"].Value, out error);
        return zone is null ? null : new ReleaseWindow(days, start, end, zone, text);
    }

    /// <summary>The IANA time zone of that name (<c>Europe/Berlin</c>, <c>UTC</c>), or null and why not.</summary>
    public static TimeZoneInfo? TryZone(string name, out string? error)
    {
        error = null;
        // Windows-style names ("W. Europe Standard Time") are converted by the runtime on some systems: accept IANA names only,
        // so a policy means the same on every controller.
        if (!name.Contains('/', StringComparison.Ordinal) && name != "UTC")
        {
            error = $"unknown time zone '{name}': use an IANA name such as Europe/Berlin, America/New_York or UTC";
            return null;
        }
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = $"unknown time zone '{name}': use an IANA name such as Europe/Berlin, America/New_York or UTC";
            return null;
        }
    }

    private static HashSet<DayOfWeek>? Days(string text, out string? error)
    {
        error = null;
        var days = new HashSet<DayOfWeek>();
        foreach (var part in text.Split(','))
        {
            var ends = part.Split('-');
            if (ends.Length > 2 || ends.Any(e => Day(e) is null))
            {
                error = $"'{part}' is not a day or a range of days: use Mon, Tue, Wed, Thu, Fri, Sat, Sun, ranges such as Mon-Thu and lists such as Mon,Wed,Fri";
                return null;
            }
            var first = Day(ends[0])!.Value;
            var last = Day(ends[^1])!.Value;
            for (var d = first; ; d = (DayOfWeek)(((int)d + 1) % 7))
            {
                days.Add(d);
                if (d == last) break;
            }
        }
        return days;
    }

    private static DayOfWeek? Day(string name)
    {
        var i = Array.FindIndex(DayNames, d => string.Equals(d, name, StringComparison.Ordinal));
        return i < 0 ? null : (DayOfWeek)i;
    }

    private static bool TryTime(string text, bool allowMidnightEnd, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        if (allowMidnightEnd && text == "24:00")
        {
            time = TimeSpan.FromHours(24);
            return true;
        }
        if (!TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) return false;
        time = t.ToTimeSpan();
        return true;
    }

    [GeneratedRegex(@"^(?<days>[A-Za-z,\-]+) +(?<start>\d\d:\d\d)-(?<end>\d\d:\d\d) +(?<zone>[A-Za-z0-9_+\-/]+)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Shape();
}
