using RolloutController.Time;

namespace RolloutController.UnitTests.Policies;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("500ms", 0, 0, 0, 0, 500)]
    [InlineData("30s", 0, 0, 0, 30, 0)]
    [InlineData("15m", 0, 0, 15, 0, 0)]
    [InlineData("24h", 0, 24, 0, 0, 0)]
    [InlineData("7d", 7, 0, 0, 0, 0)]
    [InlineData("1h30m", 0, 1, 30, 0, 0)]
    [InlineData("1d2h3m4s5ms", 1, 2, 3, 4, 5)]
    [InlineData("90m", 0, 0, 90, 0, 0)]
    [InlineData("0s", 0, 0, 0, 0, 0)]
    public void Parses(string text, int days, int hours, int minutes, int seconds, int milliseconds)
    {
        DurationParser.TryParse(text, out var value, out var error).ShouldBeTrue(error);
        value.ShouldBe(new TimeSpan(days, hours, minutes, seconds, milliseconds));
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("1.5h")]
    [InlineData("1m1h")]
    [InlineData("1h1h")]
    [InlineData("-5s")]
    [InlineData(" 5s")]
    [InlineData("5S")]
    [InlineData("5 s")]
    [InlineData("1w")]
    [InlineData("h")]
    [InlineData("9999999999999d")]
    public void Rejects_with_a_message_naming_the_text_and_the_syntax(string text)
    {
        DurationParser.TryParse(text, out _, out var error).ShouldBeFalse();
        error.ShouldContain($"'{text}'");
    }

    [Fact]
    public void Rejection_message_shows_the_accepted_syntax()
    {
        DurationParser.TryParse("24 hours", out _, out var error);
        error.ShouldBe("'24 hours' is not a duration: use whole numbers with a unit (ms, s, m, h, d), largest unit first, e.g. 500ms, 30s, 15m, 24h, 7d or 1h30m");
    }

    [Fact]
    public void Parse_throws_format_exception_with_the_same_message() =>
        Should.Throw<FormatException>(() => DurationParser.Parse("soon")).Message.ShouldContain("'soon' is not a duration");

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(500, "500ms")]
    [InlineData(30_000, "30s")]
    [InlineData(60_000, "1m")]
    [InlineData(90 * 60_000, "90m")]
    [InlineData(61 * 60_000, "61m")]
    [InlineData(24 * 3_600_000, "1d")]
    [InlineData(36 * 3_600_000, "36h")]
    [InlineData(168 * 3_600_000L, "7d")]
    [InlineData(3_600_000 + 30_000, "1h30s")]
    [InlineData(1_500, "1500ms")]
    [InlineData(61_500, "61500ms")]
    [InlineData(3_600_500, "1h500ms")]
    public void Formats_to_the_shortest_string(long milliseconds, string expected) =>
        DurationParser.Format(TimeSpan.FromMilliseconds(milliseconds)).ShouldBe(expected);

    [Theory]
    [InlineData(1)]
    [InlineData(999)]
    [InlineData(1_001)]
    [InlineData(59_999)]
    [InlineData(3_599_999)]
    [InlineData(86_399_999)]
    [InlineData(90_061_001)]
    [InlineData(604_800_000)]
    [InlineData(31_536_000_000)]
    public void Round_trips(long milliseconds)
    {
        var value = TimeSpan.FromMilliseconds(milliseconds);
        DurationParser.Parse(DurationParser.Format(value)).ShouldBe(value);
    }

    [Fact]
    public void Round_trips_every_second_of_a_day_and_a_half_in_steps()
    {
        for (var seconds = 0; seconds <= 36 * 3600; seconds += 37)
        {
            var value = TimeSpan.FromSeconds(seconds);
            DurationParser.Parse(DurationParser.Format(value)).ShouldBe(value);
        }
    }

    [Fact]
    public void Format_rejects_negative_and_sub_millisecond_values()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DurationParser.Format(TimeSpan.FromSeconds(-1)));
        Should.Throw<ArgumentOutOfRangeException>(() => DurationParser.Format(TimeSpan.FromTicks(1)));
    }
}
