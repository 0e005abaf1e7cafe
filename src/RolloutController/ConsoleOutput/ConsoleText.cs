using System.Globalization;
using RolloutController.Time;

namespace RolloutController.ConsoleOutput;

/// <summary>How rolloutctl and the backtest write weights, countdowns, durations and times.</summary>
internal static class ConsoleText
{
    /// <summary>A weight in percent with up to three decimals: <c>12.5%</c>.</summary>
    public static string Percent(decimal weight) => weight.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// Time left in a hold, in its two largest units (<c>23h59m</c>, <c>4m05s</c>, <c>9s</c>), rounded up to whole
    /// seconds; <c>-</c> for none. A countdown reads better than the shortest exact form policies use (<c>86394s</c>).
    /// </summary>
    public static string Countdown(double? seconds)
    {
        if (seconds is not { } s) return "-";
        var left = TimeSpan.FromSeconds(Math.Ceiling(s));
        return left switch
        {
            { TotalDays: >= 1 } => $"{(int)left.TotalDays}d{left.Hours:00}h",
            { TotalHours: >= 1 } => $"{left.Hours}h{left.Minutes:00}m",
            { TotalMinutes: >= 1 } => $"{left.Minutes}m{left.Seconds:00}s",
            _ => $"{left.Seconds}s",
        };
    }

    /// <summary>A duration in the policy syntax (<c>1h30m</c>).</summary>
    public static string Duration(TimeSpan duration) => DurationParser.Format(duration);

    /// <summary>A UTC time to the second: <c>2026-11-01 09:30:00Z</c>.</summary>
    public static string Time(DateTimeOffset at) => at.ToString("u", CultureInfo.InvariantCulture);

    /// <summary>A number as the API gave it, to six significant digits; <c>-</c> for none.</summary>
    public static string Number(double? value) => value?.ToString("G6", CultureInfo.InvariantCulture) ?? "-";
}
