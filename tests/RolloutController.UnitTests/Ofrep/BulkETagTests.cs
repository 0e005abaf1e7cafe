using System.Text.Json;
using Microsoft.Extensions.Primitives;
using RolloutController.Ofrep;

namespace RolloutController.UnitTests.Ofrep;

public sealed class BulkETagTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Is_a_quoted_strong_tag() =>
        BulkETag.Compute("\"v1\"", Json("{}")).ShouldMatch("^\"[0-9a-f]{32}\"$");

    [Fact]
    public void Ignores_member_order_and_whitespace_at_every_depth()
    {
        var a = BulkETag.Compute("\"v1\"", Json("""{"targetingKey":"u","attrs":{"x":1,"y":[true,{"q":1,"p":2}]}}"""));
        var b = BulkETag.Compute("\"v1\"", Json("""{ "attrs": { "y": [ true, { "p": 2, "q": 1 } ], "x": 1 }, "targetingKey": "u" }"""));
        a.ShouldBe(b);
    }

    [Fact]
    public void Missing_context_equals_empty_context() =>
        BulkETag.Compute("\"v1\"", default).ShouldBe(BulkETag.Compute("\"v1\"", Json("{}")));

    [Fact]
    public void Changes_with_the_catalog_and_with_the_context()
    {
        var baseline = BulkETag.Compute("\"v1\"", Json("""{"targetingKey":"u"}"""));
        BulkETag.Compute("\"v2\"", Json("""{"targetingKey":"u"}""")).ShouldNotBe(baseline);
        BulkETag.Compute("\"v1\"", Json("""{"targetingKey":"w"}""")).ShouldNotBe(baseline);
        BulkETag.Compute("\"v1\"", Json("""{"targetingKey":"u","plan":"pro"}""")).ShouldNotBe(baseline);
    }

    [Fact]
    public void Array_order_matters() =>
        BulkETag.Compute("\"v1\"", Json("""{"a":[1,2]}""")).ShouldNotBe(BulkETag.Compute("\"v1\"", Json("""{"a":[2,1]}""")));

    [Theory]
    [InlineData("\"abc\"", true)]
    [InlineData("W/\"abc\"", true)]
    [InlineData("\"x\", \"abc\"", true)]
    [InlineData("\"x\"", false)]
    [InlineData("*", false)]
    [InlineData("garbage", false)]
    [InlineData("", false)]
    public void Matches_if_none_match_lists(string header, bool expected) =>
        BulkETag.Matches(new StringValues(header), "\"abc\"").ShouldBe(expected);

    [Fact]
    public void Matches_across_repeated_headers() =>
        BulkETag.Matches(new StringValues(["\"x\"", "\"abc\""]), "\"abc\"").ShouldBeTrue();
}
