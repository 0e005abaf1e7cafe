using RolloutController.Ofrep;

namespace RolloutController.UnitTests.Ofrep;

public sealed class OfrepEventStreamOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        new OfrepEventStreamOptionsValidator().Validate(null, new OfrepEventStreamOptions()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void Every_bad_value_is_listed_with_its_key_and_value()
    {
        var result = new OfrepEventStreamOptionsValidator().Validate(null, new OfrepEventStreamOptions
        {
            MaxConnections = 0,
            Heartbeat = TimeSpan.Zero,
            WriteTimeout = TimeSpan.FromMilliseconds(10),
            InactivityDelay = TimeSpan.FromMilliseconds(1500),
            ReconnectDelay = TimeSpan.FromMinutes(2),
        });

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldBe([
            "RolloutController:Ofrep:EventStream:MaxConnections must be between 1 and 1000000 (was '0')",
            "RolloutController:Ofrep:EventStream:Heartbeat must be between 00:00:01 and 00:05:00 (was '00:00:00')",
            "RolloutController:Ofrep:EventStream:WriteTimeout must be between 00:00:00.1000000 and 00:05:00 (was '00:00:00.0100000')",
            "RolloutController:Ofrep:EventStream:InactivityDelay must be whole seconds (was '00:00:01.5000000')",
            "RolloutController:Ofrep:EventStream:ReconnectDelay must be between 00:00:00 and 00:01:00 (was '00:02:00')",
        ], ignoreOrder: false);
    }
}
