using System.Net;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>rolloutctl include's API through the real host: refused cleanly, changing nothing, when there is nothing to include.</summary>
[Collection(ControllerCollection.Name)]
public sealed class IncludeCommandTests(GuardrailMetricsFixture fixture)
{
    [Fact]
    public async Task Including_a_segment_that_is_not_excluded_or_none_at_all_is_refused_and_changes_nothing()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("include-me")]);

        using var notExcluded = await controller.Api.Http.SendAsync(Request("""{"reason": "fixed", "segment": "plan=enterprise"}"""));
        using var noSegment = await controller.Api.Http.SendAsync(Request("""{"reason": "fixed"}"""));
        using var badSegment = await controller.Api.Http.SendAsync(Request("""{"reason": "fixed", "segment": "enterprise"}"""));

        var refused = await ProblemDetails.ReadAsync(notExcluded);
        (refused.Status, refused.Detail).ShouldBe((HttpStatusCode.Conflict, "segment plan=\"enterprise\" is not excluded from 'include-me'; no segment is"));
        (await ProblemDetails.ReadAsync(noSegment)).Title.ShouldBe("segment required");
        var bad = await ProblemDetails.ReadAsync(badSegment);
        (bad.Status, bad.Detail!.Contains("got 'enterprise'", StringComparison.Ordinal)).ShouldBe((HttpStatusCode.BadRequest, true));
        var detail = await controller.Api.GetRolloutAsync("include-me");
        detail.GetProperty("history").EnumerateArray().Select(t => t.GetProperty("trigger").GetString()).ShouldBe(["start"]);
    }

    private static HttpRequestMessage Request(string json) => new(HttpMethod.Post, "api/v1/rollouts/include-me/include")
    {
        Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        Headers = { Authorization = new("Bearer", TestTokens.Operator) },
    };
}
