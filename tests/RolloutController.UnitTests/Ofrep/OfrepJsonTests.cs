using System.Text.Json;
using RolloutController.Flags;
using RolloutController.Ofrep;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Ofrep;

public sealed class OfrepJsonTests
{
    private static readonly ServedFlag Flag = new("new-checkout", 12.5m, RolloutPhase.Observing, 1, "checkout", FlagType.Release);

    [Fact]
    public void Success_has_the_evaluation_success_shape()
    {
        var json = JsonSerializer.Serialize(OfrepFlagResult.For(Flag, FlagEvaluation.Served(true, "SPLIT")),
            OfrepJsonContext.Default.OfrepFlagResult);
        json.ShouldBe("""{"key":"new-checkout","value":true,"reason":"SPLIT","variant":"on","metadata":{"type":"release","layer":"app","weight":12.5,"phase":"Observing","stage":2,"policy":"checkout"}}""");
    }

    [Fact]
    public void Failure_has_only_key_error_code_and_details()
    {
        var json = JsonSerializer.Serialize(OfrepFlagResult.For(Flag, FlagEvaluation.Failed("TARGETING_KEY_MISSING", "d")),
            OfrepJsonContext.Default.OfrepFlagResult);
        json.ShouldBe("""{"key":"new-checkout","errorCode":"TARGETING_KEY_MISSING","errorDetails":"d"}""");
    }

    [Fact]
    public void Bulk_failure_has_no_key() =>
        JsonSerializer.Serialize(new OfrepBulkFailure("PARSE_ERROR", "d"), OfrepJsonContext.Default.OfrepBulkFailure)
            .ShouldBe("""{"errorCode":"PARSE_ERROR","errorDetails":"d"}""");
}
