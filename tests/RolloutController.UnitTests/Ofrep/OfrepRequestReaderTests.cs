using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RolloutController.Ofrep;

namespace RolloutController.UnitTests.Ofrep;

public sealed class OfrepRequestReaderTests
{
    private static Task<OfrepRequest> ReadAsync(string? body) => ReadAsync(Encoding.UTF8.GetBytes(body ?? ""));

    private static async Task<OfrepRequest> ReadAsync(byte[] bytes)
    {
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = bytes.Length;
        return await OfrepRequestReader.ReadAsync(http.Request, CancellationToken.None);
    }

    [Fact]
    public async Task Reads_the_targeting_key_from_the_context()
    {
        var request = await ReadAsync("""{"context": {"targetingKey": "user-1", "plan": "pro"}}""");
        request.IsError.ShouldBeFalse();
        request.TargetingKey.ShouldBe("user-1");
        request.Context.GetProperty("plan").GetString().ShouldBe("pro");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("""{"context": {}}""")]
    [InlineData("""{"context": {"targetingKey": null}}""")]
    public async Task Requests_without_a_targeting_key_are_valid(string body)
    {
        var request = await ReadAsync(body);
        request.IsError.ShouldBeFalse();
        request.TargetingKey.ShouldBeNull();
    }

    [Theory]
    [InlineData("{")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("""{"context": {"targetingKey": "a"}""")]
    public async Task Malformed_bodies_are_parse_errors(string body)
    {
        var request = await ReadAsync(body);
        request.ErrorCode.ShouldBe("PARSE_ERROR");
        request.ErrorDetails.ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("""{"context": "user-1"}""")]
    [InlineData("""{"context": [1, 2]}""")]
    [InlineData("""{"context": 5}""")]
    [InlineData("""{"context": null}""")]
    [InlineData("""{"context": {"targetingKey": 42}}""")]
    [InlineData("""{"context": {"targetingKey": {"id": "a"}}}""")]
    public async Task Contexts_that_are_not_objects_or_have_a_non_string_key_are_invalid(string body) =>
        (await ReadAsync(body)).ErrorCode.ShouldBe("INVALID_CONTEXT");

    [Fact]
    public void Null_body_is_a_parse_error() =>
        OfrepRequestReader.Interpret(null).ErrorCode.ShouldBe("PARSE_ERROR");

    [Fact]
    public async Task Context_survives_for_hashing()
    {
        var request = await ReadAsync("""{"context": {"targetingKey": "k", "n": [1, {"b": 2, "a": 1}]}}""");
        request.Context.ValueKind.ShouldBe(JsonValueKind.Object);
    }

    // JSON escapes, not characters: the parser accepts them and only reading the string fails.
    [Theory]
    [InlineData("""{"context": {"targetingKey": "\ud800"}}""", "context.targetingKey")]
    [InlineData("""{"context": {"targetingKey": "user-\udc00-1"}}""", "context.targetingKey")]
    [InlineData("""{"context": {"targetingKey": "u", "plan": "\ud83d"}}""", "context.plan")]
    [InlineData("""{"context": {"targetingKey": "u", "tags": ["a", {"x": "\udfff"}]}}""", "context.tags[1].x")]
    [InlineData("""{"context": {"targetingKey": "u", "\ud800": 1}}""", "context.<a member name>")]
    public async Task A_string_with_a_lone_surrogate_is_an_invalid_context(string body, string path)
    {
        var request = await ReadAsync(body);

        request.ErrorCode.ShouldBe("INVALID_CONTEXT");
        request.ErrorDetails!.ShouldContain($"not valid Unicode at {path} ");
    }

    [Fact]
    public async Task An_escaped_surrogate_pair_is_text()
    {
        var request = await ReadAsync("""{"context": {"targetingKey": "user-\ud83d\ude00"}}""");

        request.IsError.ShouldBeFalse();
        request.TargetingKey.ShouldBe("user-\U0001F600");
    }

    [Theory]
    [InlineData(new byte[] { 0xE9 })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    [InlineData(new byte[] { 0xC0, 0xAF })]
    [InlineData(new byte[] { 0xFF })]
    public async Task Bytes_that_are_not_utf8_in_the_context_are_a_parse_error(byte[] invalid)
    {
        byte[] body = [.. """{"context":{"targetingKey":"caf"""u8, .. invalid, .. "\"}}"u8];

        var request = await ReadAsync(body);

        request.ErrorCode.ShouldBe("PARSE_ERROR");
        request.ErrorDetails.ShouldBe("The request body is not valid UTF-8 JSON: the context holds bytes that are not UTF-8.");
    }
}
