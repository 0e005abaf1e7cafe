using RolloutController.Dashboard;

namespace RolloutController.UnitTests.Dashboard;

/// <summary>
/// The hold countdown's one format (docs/dashboard.md, "Hold countdown"); HoldCountdownScriptTests holds the page's
/// script to the same text.
/// </summary>
public sealed class HoldCountdownTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(-3, "0s")]
    [InlineData(0.2, "1s")]
    [InlineData(45, "45s")]
    [InlineData(59.5, "1m")]
    [InlineData(60, "1m")]
    [InlineData(61, "1m1s")]
    [InlineData(3_599, "59m59s")]
    [InlineData(3_600, "1h")]
    [InlineData(5_399, "1h29m59s")]
    [InlineData(5_400, "1h30m")]
    [InlineData(86_399, "23h59m59s")]
    [InlineData(86_400, "1d")]
    [InlineData(93_600, "1d2h")]
    [InlineData(90_061, "1d1h1m1s")]
    [InlineData(1_209_600, "14d")]
    public void Whole_seconds_rounded_up_in_every_unit_that_is_not_zero_largest_first(double seconds, string text) =>
        HoldCountdown.Text(seconds).ShouldBe(text);

    [Fact]
    public void A_running_hold_gives_the_script_its_whole_seconds_and_the_same_first_text()
    {
        HoldCountdown.Html(5_399.4, running: true).ShouldBe("<span data-countdown=\"5400\">1h30m</span>");
    }

    [Fact]
    public void A_paused_hold_stands_still_and_says_so()
    {
        HoldCountdown.Html(5_400, running: false).ShouldBe("1h30m <span class=\"small\">(paused)</span>");
    }
}
