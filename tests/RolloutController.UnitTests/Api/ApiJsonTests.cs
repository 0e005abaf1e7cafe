using System.Text.Json;
using RolloutController.Api;

namespace RolloutController.UnitTests.Api;

public sealed class ApiJsonTests
{
    [Fact]
    public void An_infinite_guardrail_value_is_written_as_a_string_and_read_back()
    {
        var view = new MeasurementView("p99", "fail", double.PositiveInfinity, "max 0.5", "+Inf is above max 0.5", "q", 1, 1m,
            new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero));

        var json = JsonSerializer.Serialize(view, ApiJson.Options);

        json.ShouldContain("\"value\": \"Infinity\"");
        JsonSerializer.Deserialize<MeasurementView>(json, ApiJson.Options)!.Value.ShouldBe(double.PositiveInfinity);
    }
}
