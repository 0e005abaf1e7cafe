using System.Text.Json;
using RolloutController.Notifications;
using RolloutController.Notifications.Webhook;
using RolloutController.TestUtilities.Fakes;

namespace RolloutController.UnitTests.Notifications;

public sealed class WebhookPayloadTests
{
    [Fact]
    public void Payload_has_the_documented_v1_fields()
    {
        var message = NotificationMessageBuilder.Build(
            SampleNotices.Rollback(), SampleNotices.Policy(), TestLinks.Prometheus("http://prom:9090"), "ntf-1", SampleNotices.At);
        using var doc = JsonDocument.Parse(WebhookPayload.Serialize(message));
        var root = doc.RootElement;

        root.GetProperty("schema").GetString().ShouldBe("rollout-controller.notification/v1");
        root.GetProperty("id").GetString().ShouldBe("ntf-1");
        root.GetProperty("timestamp").GetString().ShouldBe("2026-11-03T14:05:00Z");
        root.GetProperty("kind").GetString().ShouldBe("rolled_back");
        root.GetProperty("severity").GetString().ShouldBe("critical");
        root.GetProperty("next_step").GetString().ShouldBe("Fix the cause, then: rolloutctl restart new-checkout --reason \"...\"");
        root.GetProperty("failing_since").GetString().ShouldBe("2026-11-03T14:04:00Z");
        root.GetProperty("flag").GetProperty("owner").GetString().ShouldBe("team-payments");
        root.GetProperty("flag").GetProperty("type").GetString().ShouldBe("release");
        root.GetProperty("stage").GetProperty("text").GetString().ShouldBe("2 of 4");
        root.GetProperty("stage").GetProperty("weight_before").GetDecimal().ShouldBe(10m);
        root.GetProperty("stage").GetProperty("weight_after").GetDecimal().ShouldBe(0m);

        var breach = root.GetProperty("breaches").EnumerateArray().ShouldHaveSingleItem();
        breach.GetProperty("value").GetDouble().ShouldBe(0.034);
        breach.GetProperty("threshold").GetString().ShouldBe("max 0.01");
        breach.GetProperty("consecutive_failures").GetInt32().ShouldBe(2);
        breach.GetProperty("failure_limit").GetInt32().ShouldBe(2);
        breach.GetProperty("query").GetString().ShouldBe(SampleNotices.ErrorRateQuery);
        breach.GetProperty("graph_url").GetString().ShouldStartWith("http://prom:9090/graph?g0.expr=sum%28rate");

        root.GetProperty("guardrails").GetArrayLength().ShouldBe(2);
        root.GetProperty("guardrails")[1].TryGetProperty("consecutive_failures", out _).ShouldBeFalse();
        root.GetProperty("transition").GetProperty("actor").GetString().ShouldBe("controller");
        root.GetProperty("transition").GetProperty("to_phase").GetString().ShouldBe("rolled_back");
    }

    [Fact]
    public void A_non_finite_value_is_written_as_null()
    {
        var notice = SampleNotices.Rollback();
        notice = notice with { Measurements = [notice.Measurements[0] with { Value = double.NaN }] };
        var message = NotificationMessageBuilder.Build(notice, SampleNotices.Policy(), TestLinks.Prometheus("http://prom:9090"), "x", SampleNotices.At);
        using var doc = JsonDocument.Parse(WebhookPayload.Serialize(message));
        doc.RootElement.GetProperty("guardrails")[0].GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public void Signature_matches_a_known_vector()
    {
        // HMAC-SHA256("whsec_0123456789abcdef", "1700000000.{\"a\":1}"), computed independently.
        WebhookSignature.Compute("whsec_0123456789abcdef", 1700000000, "{\"a\":1}"u8)
            .ShouldBe("sha256=9f5e37cdc7ea587c7c02062d93283cad000d66a831b2a1676418696db47ed6c2");
    }

    [Fact]
    public void Signature_verification_rejects_another_timestamp_or_body()
    {
        var signature = WebhookSignature.Compute("whsec_0123456789abcdef", 1700000000, "{\"a\":1}"u8);
        WebhookSignature.Verify("whsec_0123456789abcdef", 1700000000, "{\"a\":1}"u8, signature).ShouldBeTrue();
        WebhookSignature.Verify("whsec_0123456789abcdef", 1700000001, "{\"a\":1}"u8, signature).ShouldBeFalse();
        WebhookSignature.Verify("whsec_0123456789abcdef", 1700000000, "{\"a\":2}"u8, signature).ShouldBeFalse();
        WebhookSignature.Verify("whsec_0123456789abcdef", 1700000000, "{\"a\":1}"u8, null).ShouldBeFalse();
    }
}
