using System.Text.Json;
using RolloutController.Notifications;
using RolloutController.Notifications.Slack;
using RolloutController.TestUtilities.Fakes;

namespace RolloutController.UnitTests.Notifications;

public sealed class SlackMessageTests
{
    private static JsonElement Payload()
    {
        var message = NotificationMessageBuilder.Build(
            SampleNotices.Rollback(), SampleNotices.Policy(), TestLinks.Prometheus("http://prom:9090"), "ntf-1", SampleNotices.At);
        return JsonDocument.Parse(SlackMessage.Build(message).ToJsonString()).RootElement;
    }

    [Fact]
    public void Has_a_fallback_text_and_block_kit_blocks()
    {
        var payload = Payload();
        payload.GetProperty("text").GetString().ShouldBe("[CRITICAL] new-checkout: Guardrail error-rate tripped at 10%: 0.034 (max 0.01)");
        var types = payload.GetProperty("blocks").EnumerateArray().Select(b => b.GetProperty("type").GetString()).ToList();
        types[0].ShouldBe("header");
        types.ShouldContain("section");
        types[^1].ShouldBe("context");
    }

    [Fact]
    public void Header_shows_the_severity_emoji_and_what_happened()
    {
        var header = Payload().GetProperty("blocks")[0].GetProperty("text");
        header.GetProperty("type").GetString().ShouldBe("plain_text");
        header.GetProperty("text").GetString().ShouldBe(":rotating_light: new-checkout rolled back");
    }

    [Fact]
    public void Fields_show_flag_owner_stage_and_weight()
    {
        var fields = Payload().GetProperty("blocks").EnumerateArray()
            .Single(b => b.TryGetProperty("fields", out _))
            .GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()).ToList();
        fields.ShouldContain("*Flag*\n`new-checkout`");
        fields.ShouldContain("*Owner*\nteam-payments");
        fields.ShouldContain("*Stage*\n2 of 4");
        fields.ShouldContain("*Weight*\n10% → 0%");
    }

    [Fact]
    public void Breach_shows_value_versus_threshold_the_escaped_query_and_a_graph_button()
    {
        var breach = Payload().GetProperty("blocks").EnumerateArray()
            .Single(b => b.TryGetProperty("accessory", out _));
        var text = breach.GetProperty("text").GetProperty("text").GetString()!;
        text.ShouldContain("*error-rate* tripped: `0.034 (max 0.01)`");
        text.ShouldContain("2 failing measurements in a row (limit 2) since 2026-11-03T14:04:00Z");
        text.ShouldContain("```sum(rate(http_requests_total{flag=\"new-checkout\",code=~\"5..\"}[5m]))");
        var button = breach.GetProperty("accessory");
        button.GetProperty("type").GetString().ShouldBe("button");
        button.GetProperty("url").GetString().ShouldStartWith("http://prom:9090/graph?g0.expr=");
    }

    [Fact]
    public void Next_step_and_latest_values_are_there()
    {
        var texts = Payload().GetProperty("blocks").EnumerateArray()
            .Where(b => b.TryGetProperty("text", out var t) && t.GetProperty("type").GetString() == "mrkdwn")
            .Select(b => b.GetProperty("text").GetProperty("text").GetString()!)
            .ToList();
        texts.ShouldContain(t => t.StartsWith("*Next step*\n") && t.Contains("rolloutctl restart new-checkout"));
        texts.ShouldContain(t => t.StartsWith("*Latest guardrail values*") && t.Contains("p99-latency") && t.Contains("`0.42 (max 0.8)` pass"));
    }

    [Fact]
    public void Mrkdwn_control_characters_are_escaped()
    {
        SlackBlocks.Escape("a < b && c > d").ShouldBe("a &lt; b &amp;&amp; c &gt; d");
    }
}
