using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using RolloutController.TestUtilities.LaunchDarkly;

namespace RolloutController.IntegrationTests.Flags;

/// <summary>The contract server refuses, and records, what LaunchDarkly's documentation does not allow: the backend's tests can fail.</summary>
public sealed class LaunchDarklyContractServerTests
{
    private const string Flag = "contract";

    [Theory]
    [InlineData("bearer", "without a 'Bearer' prefix")]
    [InlineData("content-type", "Content-Type must be 'application/json; domain-model=launchdarkly.semanticpatch'")]
    [InlineData("environment", "environmentKey must be 'production'")]
    [InlineData("comment", "comment must say why")]
    [InlineData("sum", "rolloutWeights must sum to 100000 (got 99999)")]
    [InlineData("variation", "not a variation of the flag")]
    [InlineData("kind", "instruction kind 'updateFallthrough' is not one of")]
    [InlineData("op", "a lower-case op")]
    public async Task A_request_launchdarkly_would_refuse_is_answered_and_recorded_as_a_violation(string wrong, string violation)
    {
        await using var ld = await LaunchDarklyContractServer.StartAsync();
        using var http = new HttpClient { BaseAddress = ld.BaseUri };
        var (on, off) = await FlagAsync(http, ld);

        var instruction = new JsonObject
        {
            ["kind"] = wrong == "kind" ? "updateFallthrough" : "updateFallthroughVariationOrRollout",
            ["rolloutWeights"] = new JsonObject { [wrong == "variation" ? "no-such-id" : on] = 10_000, [off] = wrong == "sum" ? 89_999 : 90_000 },
        };
        var rule = new JsonObject
        {
            ["kind"] = "addRule", ["variationId"] = off,
            ["clauses"] = new JsonArray(new JsonObject { ["attribute"] = "plan", ["op"] = wrong == "op" ? "In" : "in", ["negate"] = false, ["values"] = new JsonArray("free") }),
        };
        var body = new JsonObject { ["environmentKey"] = wrong == "environment" ? "staging" : "production", ["instructions"] = new JsonArray(instruction, rule) };
        if (wrong != "comment") body["comment"] = "stage 1 of contract: 10%";
        var answer = await Send(http, ld, HttpMethod.Patch, body.ToJsonString(),
            wrong == "content-type" ? "application/json" : "application/json; domain-model=launchdarkly.semanticpatch", bearer: wrong == "bearer");

        ((int)answer.StatusCode).ShouldBe(wrong == "bearer" ? 401 : 400);
        ld.Violations.ShouldHaveSingleItem().ShouldContain(violation);
        ((bool)ld.EnvironmentOf(Flag)["on"]!).ShouldBeFalse();
        ld.EnvironmentOf(Flag)["rules"]!.AsArray().ShouldBeEmpty("a refused patch changes nothing");
    }

    [Fact]
    public async Task A_conforming_patch_is_applied_and_read_back()
    {
        await using var ld = await LaunchDarklyContractServer.StartAsync();
        using var http = new HttpClient { BaseAddress = ld.BaseUri };
        var (on, off) = await FlagAsync(http, ld);
        var body = new JsonObject
        {
            ["environmentKey"] = "production", ["comment"] = "stage 1 of contract: 10%",
            ["instructions"] = new JsonArray(
                new JsonObject { ["kind"] = "updateFallthroughVariationOrRollout", ["rolloutWeights"] = new JsonObject { [on] = 10_000, [off] = 90_000 } },
                new JsonObject { ["kind"] = "turnFlagOn" }),
        };

        var answer = await Send(http, ld, HttpMethod.Patch, body.ToJsonString(), "application/json; domain-model=launchdarkly.semanticpatch");

        ((int)answer.StatusCode).ShouldBe(200);
        ld.Violations.ShouldBeEmpty();
        ld.ServedPercent(Flag).ShouldBe(10m);
    }

    // A new flag and its true and false variation ids, read as a client would.
    private static async Task<(string On, string Off)> FlagAsync(HttpClient http, LaunchDarklyContractServer ld)
    {
        ld.AddFlag(Flag);
        var flag = JsonNode.Parse(await (await Send(http, ld, HttpMethod.Get, null, null)).Content.ReadAsStringAsync())!;
        return ((string)flag["variations"]![0]!["_id"]!, (string)flag["variations"]![1]!["_id"]!);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient http, LaunchDarklyContractServer ld, HttpMethod method, string? body, string? contentType,
        bool bearer = false)
    {
        var request = new HttpRequestMessage(method, $"api/v2/flags/default/{Flag}{(method == HttpMethod.Get ? "?env=production" : "")}");
        request.Headers.TryAddWithoutValidation("Authorization", bearer ? "Bearer " + ld.Token : ld.Token);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType!);
        }
        return await http.SendAsync(request);
    }
}
