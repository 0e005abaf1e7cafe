using System.Globalization;
using RolloutController.Policies;
using RolloutController.Time;

namespace RolloutController.Backtesting;

/// <summary>
/// Reads <c>--from</c>, <c>--to</c> and <c>--interval</c> into a <see cref="BacktestRange"/>, or says what is wrong. Pure:
/// "now" is passed in.
/// </summary>
internal static class BacktestRangeParser
{
    private const string NowKeyword = "now";

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmzzz",
        "yyyy-MM-dd'T'HH:mm:sszzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
    ];

    /// <summary>What an instant may look like, for error messages.</summary>
    public const string AcceptedInstants =
        "use ISO 8601 such as 2026-11-01, 2026-11-01T00:00Z or 2026-11-01T02:00:00+02:00 (UTC when no offset is given), " +
        "'now', or 'now-<duration>' such as now-7d";

    /// <param name="from">Text of --from (required).</param>
    /// <param name="to">Text of --to; null or empty means now.</param>
    /// <param name="interval">Text of --interval; null or empty means <paramref name="policyInterval"/>.</param>
    /// <param name="policyInterval">The policy's analysis interval.</param>
    /// <param name="now">The current time: --to may not be later, and "now" in the arguments means it.</param>
    public static bool TryParse(string from, string? to, string? interval, TimeSpan policyInterval, DateTimeOffset now,
        out BacktestRange range, out string error)
    {
        range = null!;
        if (!TryParseInstant(from, now, out var start, out error)) return Fail("--from", from, out error, error);
        var endText = string.IsNullOrWhiteSpace(to) ? NowKeyword : to;
        if (!TryParseInstant(endText, now, out var end, out error)) return Fail("--to", endText, out error, error);

        var step = policyInterval;
        if (!string.IsNullOrWhiteSpace(interval))
        {
            if (!DurationParser.TryParse(interval.Trim(), out step, out var why)) return Fail("--interval", interval, out error, why);
            if (step < AnalysisReader.MinimumInterval)
            {
                error = $"--interval must be at least {DurationParser.Format(AnalysisReader.MinimumInterval)}, got '{interval}'";
                return false;
            }
        }

        if (end <= start)
        {
            error = $"--to ({Show(end)}) must be later than --from ({Show(start)})";
            return false;
        }
        if (end > now)
        {
            error = $"--to ({Show(end)}) is in the future (now is {Show(now)}): a backtest replays history Prometheus already holds; use --to now or an earlier time";
            return false;
        }

        var candidate = new BacktestRange(start, end, step);
        if (candidate.IntervalRounds > BacktestRange.MaxRounds)
        {
            error = $"{Show(start)} to {Show(end)} every {DurationParser.Format(step)} is {candidate.IntervalRounds:N0} rounds, " +
                    $"more than the limit of {BacktestRange.MaxRounds:N0}: use --interval {DurationParser.Format(SmallestInterval(start, end))} or larger, or a shorter range";
            return false;
        }
        range = candidate;
        return true;
    }

    /// <summary>An ISO 8601 date or date-time (UTC unless it has an offset), <c>now</c>, or <c>now-&lt;duration&gt;</c>.</summary>
    public static bool TryParseInstant(string? text, DateTimeOffset now, out DateTimeOffset value, out string error)
    {
        value = default;
        error = "";
        // Whole seconds, so round times derived from "now" read cleanly.
        now = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Equals(NowKeyword, StringComparison.OrdinalIgnoreCase))
        {
            value = now;
            return true;
        }
        if (trimmed.StartsWith(NowKeyword + "-", StringComparison.OrdinalIgnoreCase))
        {
            if (!DurationParser.TryParse(trimmed[(NowKeyword.Length + 1)..], out var ago, out error)) return false;
            value = now - ago;
            return true;
        }
        if (DateTimeOffset.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value))
            return true;
        error = AcceptedInstants;
        return false;
    }

    /// <summary>How an instant is shown in messages and reports: UTC, to the second (fractions only when present).</summary>
    public static string Show(DateTimeOffset at) =>
        at.ToUniversalTime().ToString(at.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
            CultureInfo.InvariantCulture);

    // The whole-second interval that keeps the range within MaxRounds.
    private static TimeSpan SmallestInterval(DateTimeOffset from, DateTimeOffset to)
    {
        var ticks = (to - from).Ticks;
        var perRound = (ticks + BacktestRange.MaxRounds - 2) / (BacktestRange.MaxRounds - 1);
        var seconds = (perRound + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
        return TimeSpan.FromSeconds(Math.Max(seconds, 1));
    }

    private static bool Fail(string option, string? text, out string error, string why)
    {
        error = $"{option} '{text}' is not valid: {why}";
        return false;
    }
}
