using RolloutController.Backtesting;

namespace RolloutController.UnitTests.Backtesting;

public sealed class BacktestRangeParserTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 30, 45, 500, TimeSpan.Zero);
    private static readonly TimeSpan PolicyInterval = TimeSpan.FromMinutes(1);

    private static BacktestRange Parse(string from, string? to = null, string? interval = null)
    {
        BacktestRangeParser.TryParse(from, to, interval, PolicyInterval, Now, out var range, out var error).ShouldBeTrue(error);
        return range;
    }

    private static string Error(string from, string? to = null, string? interval = null)
    {
        BacktestRangeParser.TryParse(from, to, interval, PolicyInterval, Now, out _, out var error).ShouldBeFalse();
        return error;
    }

    [Theory]
    [InlineData("2026-11-01T00:00Z", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T00:00:30Z", "2026-11-01T00:00:30+00:00")]
    [InlineData("2026-11-01T00:00:30.25Z", "2026-11-01T00:00:30.25+00:00")]
    [InlineData("2026-11-01", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T02:00", "2026-11-01T02:00:00+00:00")]
    [InlineData("2026-11-01T02:00+02:00", "2026-11-01T00:00:00+00:00")]
    [InlineData("2026-11-01T02:00:00-01:30", "2026-11-01T03:30:00+00:00")]
    [InlineData(" now-7d ", "2026-11-13T12:30:45+00:00")]
    [InlineData("NOW-1h30m", "2026-11-20T11:00:45+00:00")]
    public void Reads_iso_8601_as_utc_unless_an_offset_is_given_and_now_relative_times(string text, string expected)
    {
        BacktestRangeParser.TryParseInstant(text, Now, out var value, out var error).ShouldBeTrue(error);

        value.ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("11/01/2026")]
    [InlineData("2026-13-01")]
    [InlineData("1730419200")]
    [InlineData("now+1h")]
    public void Refuses_anything_else_saying_what_is_accepted(string text)
    {
        BacktestRangeParser.TryParseInstant(text, Now, out _, out var error).ShouldBeFalse();

        error.ShouldBe(BacktestRangeParser.AcceptedInstants);
    }

    [Fact]
    public void Defaults_to_now_in_whole_seconds_and_the_policy_interval()
    {
        var range = Parse("now-1d");

        range.ShouldBe(new BacktestRange(new DateTimeOffset(2026, 11, 19, 12, 30, 45, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 12, 30, 45, TimeSpan.Zero), PolicyInterval));
        range.IntervalRounds.ShouldBe(1441);
    }

    [Fact]
    public void An_interval_overrides_the_policy_one()
    {
        var range = Parse("2026-11-01", "2026-11-02", "5m");

        range.Interval.ShouldBe(TimeSpan.FromMinutes(5));
        range.IntervalRounds.ShouldBe(289);
        range.RoundAt(288).ShouldBe(range.To);
    }

    [Fact]
    public void Names_the_option_with_a_bad_value()
    {
        Error("2026-11-01", "tomorrow").ShouldStartWith("--to 'tomorrow' is not valid: use ISO 8601");
        Error("2026-11-01", "2026-11-02", "5 minutes").ShouldStartWith("--interval '5 minutes' is not valid: '5 minutes' is not a duration");
        Error("2026-11-01", "2026-11-02", "500ms").ShouldBe("--interval must be at least 1s, got '500ms'");
        Error("now-5d", "now-5d").ShouldBe("--to (2026-11-15T12:30:45Z) must be later than --from (2026-11-15T12:30:45Z)");
        Error("2026-11-02", "2026-11-01").ShouldBe("--to (2026-11-01T00:00:00Z) must be later than --from (2026-11-02T00:00:00Z)");
    }

    [Fact]
    public void Refuses_a_range_that_ends_in_the_future()
    {
        Error("2026-11-01", "2026-11-21").ShouldStartWith("--to (2026-11-21T00:00:00Z) is in the future (now is 2026-11-20T12:30:45.5Z)");
    }

    [Fact]
    public void Refuses_more_than_the_round_limit_and_suggests_an_interval_that_fits()
    {
        // 100 days of 1-minute rounds: 144,001.
        var error = Error("2026-08-12T12:00Z", "2026-11-20T12:00Z");

        error.ShouldBe("2026-08-12T12:00:00Z to 2026-11-20T12:00:00Z every 1m is 144,001 rounds, more than the limit of 100,000: " +
                       "use --interval 87s or larger, or a shorter range");
        Parse("2026-08-12T12:00Z", "2026-11-20T12:00Z", "87s").IntervalRounds.ShouldBeLessThanOrEqualTo(BacktestRange.MaxRounds);
        Error("2026-08-12T12:00Z", "2026-11-20T12:00Z", "86s").ShouldContain("more than the limit");
    }

    [Fact]
    public void Exactly_the_limit_is_allowed()
    {
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var to = from + TimeSpan.FromSeconds(BacktestRange.MaxRounds - 1);

        Parse(from.ToString("O"), to.ToString("O"), "1s").IntervalRounds.ShouldBe(BacktestRange.MaxRounds);
        Error(from.ToString("O"), (to + TimeSpan.FromSeconds(1)).ToString("O"), "1s").ShouldContain("100,001 rounds");
    }
}
