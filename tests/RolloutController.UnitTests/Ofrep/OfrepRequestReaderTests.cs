using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using RolloutController.Ofrep;

namespace RolloutController.UnitTests.Ofrep;

public sealed class OfrepRequestReaderTests
{
    private static async Task<OfrepRequest> ReadAsync(string? body)
    {
        var http = new DefaultHttpContext();
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
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
}
