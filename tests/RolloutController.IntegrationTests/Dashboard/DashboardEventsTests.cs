using System.Diagnostics;
using RolloutController.IntegrationTests.Api;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Dashboard;

/// <summary>The dashboard's live updates: a change of what is served is pushed to the open page within a second.</summary>
[Collection(ControllerCollection.Name)]
public sealed class DashboardEventsTests(GuardrailMetricsFixture fixture)
{
    private const string Flag = "dash-live";

    [Fact]
    public async Task A_pause_is_pushed_to_the_open_stream_within_a_second_naming_the_flag()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages(Flag)]);
        using var request = new HttpRequestMessage(HttpMethod.Get, "dashboard/events");
        using var response = await controller.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        (await reader.ReadLineAsync()).ShouldBe("retry: 1000");

        await controller.Api.CommandOkAsync(Flag, "pause", "holding for a live check");
        var answered = Stopwatch.StartNew();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        string? data = null;
        while (data is null)
        {
            var line = await reader.ReadLineAsync(timeout.Token);
            if (line is not null && line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains($"\"{Flag}\"", StringComparison.Ordinal)) data = line;
        }
        answered.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(1));
        data.ShouldStartWith($"data: {{\"flags\":[\"{Flag}\"],\"sequence\":");
    }
}
