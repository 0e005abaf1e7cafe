using RolloutController.Telemetry;

namespace RolloutController.UnitTests.Telemetry;

public sealed class RedactedHttpClientLoggerTests
{
    [Theory]
    [InlineData("https://hooks.slack.com/services/T000/B000/XXXX", "https://hooks.slack.com:443")]
    [InlineData("http://user:password@prometheus:9090/prefix/api/v1/query?token=abc", "http://prometheus:9090")]
    public void Only_the_origin_of_a_url_is_logged(string url, string origin) =>
        RedactedHttpClientLogger.Origin(new Uri(url)).ShouldBe(origin);

    [Fact]
    public void A_request_without_a_url_says_so() => RedactedHttpClientLogger.Origin(null).ShouldBe("(none)");
}
