using System.Text.Json;
using RolloutController.Cli;

namespace RolloutController.UnitTests.Cli;

public sealed class RolloutGateTests
{
    private static RolloutGate Read(string json) => RolloutGate.Read(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Both_fields_are_read_from_the_detail()
    {
        var gate = Read("""{"rollout":{"flag":"x"},"blocked":["hold: 4m left"],"permitted":["pause","abort"]}""");

        gate.Blocked.ShouldBe(["hold: 4m left"]);
        gate.Permitted.ShouldBe(["pause", "abort"]);
    }

    [Fact]
    public void They_may_also_stand_in_the_rollout_summary()
    {
        var gate = Read("""{"rollout":{"flag":"x","blocked":[],"permitted":["resume"]}}""");

        gate.Blocked.ShouldBeEmpty();
        gate.Permitted.ShouldBe(["resume"]);
    }

    [Theory]
    [InlineData("""{"rollout":{"flag":"x"}}""")]
    [InlineData("""{"rollout":{"flag":"x"},"blocked":null,"permitted":"pause"}""")]
    [InlineData("[]")]
    public void Absent_or_malformed_fields_are_not_shown(string json) => Read(json).ShouldBe(RolloutGate.None);
}
