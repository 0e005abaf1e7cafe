using System.Globalization;
using System.Text.RegularExpressions;

namespace RolloutController.Time;

/// <summary>
/// Durations as written in policies: whole numbers with a unit, largest unit first, each unit at most once
/// (<c>500ms</c>, <c>30s</c>, <c>15m</c>, <c>24h</c>, <c>7d</c>, <c>1h30m</c>, <c>1d12h</c>). Days are 24 hours.
/// </summary>
internal static partial class DurationParser
{
    /// <summary>The accepted syntax, also used by the policy JSON Schema.</summary>
    public const string Pattern = "^(?=[0-9])([0-9]+d)?([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$";

    private static readonly (string Unit, long Ticks)[] Units =
    [
        ("d", TimeSpan.TicksPerDay),
        ("h", TimeSpan.TicksPerHour),
        ("m", TimeSpan.TicksPerMinute),
        ("s", TimeSpan.TicksPerSecond),
        ("ms", TimeSpan.TicksPerMillisecond),
    ];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says what is wrong and what is accepted.</summary>
    public static bool TryParse(string? text, out TimeSpan value, out string error)
    {
        value = TimeSpan.Zero;
        error = "";
        var match = text is null ? Match.Empty : DurationRegex().Match(text);
        if (!match.Success)
        {
            error = $"'{text}' is not a duration: use whole numbers with a unit (ms, s, m, h, d), largest unit first, " +
                    "e.g. 500ms, 30s, 15m, 24h, 7d or 1h30m";
            return false;
        }

        var ticks = 0m;
        for (var i = 0; i < Units.Length; i++)
        {
            var group = match.Groups[i + 1];
            if (!group.Success) continue;
            var digits = group.Value[..^Units[i].Unit.Length];
            ticks += decimal.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) * Units[i].Ticks;
            if (ticks > TimeSpan.MaxValue.Ticks)
            {
                error = $"'{text}' is too long a duration";
                return false;
            }
        }
        value = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> with the message of <see cref="TryParse"/>.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>The shortest string <see cref="Parse"/> reads back as <paramref name="value"/>; <c>0s</c> for zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Negative, or finer than a millisecond.</exception>
    public static string Format(TimeSpan value)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
        if (value.Ticks % TimeSpan.TicksPerMillisecond != 0)
            throw new ArgumentOutOfRangeException(nameof(value), value, "durations are written in whole milliseconds");
        return value == TimeSpan.Zero ? "0s" : Shortest(value.Ticks, 0);
    }

    // Each unit is either used as much as possible or not at all (90m beats 1h30m, 1d beats 24h); with five units that
    // is 32 candidates, and taking part of a unit only lengthens the smaller unit's number.
    private static string Shortest(long remaining, int unitIndex)
    {
        if (remaining == 0) return "";
        var (unit, ticks) = Units[unitIndex];
        var count = remaining / ticks;
        if (unitIndex == Units.Length - 1) return count.ToString(CultureInfo.InvariantCulture) + unit;

        var without = Shortest(remaining, unitIndex + 1);
        if (count == 0) return without;
        var with = count.ToString(CultureInfo.InvariantCulture) + unit + Shortest(remaining - count * ticks, unitIndex + 1);
        return with.Length <= without.Length ? with : without;
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex DurationRegex();
}
