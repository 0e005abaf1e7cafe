using RolloutController.Notifications;

namespace RolloutController.UnitTests.Notifications;

public sealed class DeliveryResultTests
{
    [Theory]
    [InlineData(200, "Delivered")]
    [InlineData(204, "Delivered")]
    [InlineData(400, "Permanent")]
    [InlineData(401, "Permanent")]
    [InlineData(404, "Permanent")]
    [InlineData(408, "Retryable")]
    [InlineData(429, "Retryable")]
    [InlineData(500, "Retryable")]
    [InlineData(503, "Retryable")]
    [InlineData(302, "Permanent")]
    public void Status_codes_are_classified(int statusCode, string expected)
    {
        DeliveryResult.FromStatus(statusCode, null, null).Status.ToString().ShouldBe(expected);
    }

    [Fact]
    public void Failure_keeps_the_status_the_retry_after_and_an_excerpt()
    {
        var result = DeliveryResult.FromStatus(503, TimeSpan.FromSeconds(7), "maintenance");
        result.ShouldBe(new DeliveryResult(DeliveryStatus.Retryable, 503, "HTTP 503: maintenance", TimeSpan.FromSeconds(7)));
    }
}
