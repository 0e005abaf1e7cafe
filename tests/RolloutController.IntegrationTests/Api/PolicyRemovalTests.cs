using System.Net.Http.Json;
using System.Text.Json;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>A rollout whose policy file goes away cannot be measured any more, so it must not stay live.</summary>
[Collection(ControllerCollection.Name)]
public sealed class PolicyRemovalTests(GuardrailMetricsFixture fixture)
{
    [Fact]
    public async Task Removing_the_policy_of_a_live_rollout_aborts_it_to_zero_with_the_reason_recorded()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("orphaned")]);
        await controller.Api.WaitForRolloutAsync("orphaned", d => ControllerApiClient.Phase(d) == "Observing", TimeSpan.FromSeconds(10), "the start");

        foreach (var file in Directory.GetFiles(controller.PoliciesDirectory, "*.yaml", SearchOption.AllDirectories)) File.Delete(file);

        JsonElement rollout = default;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            var list = await controller.Client.GetFromJsonAsync<JsonElement>("api/v1/rollouts");
            rollout = list.GetProperty("rollouts").EnumerateArray().Single(r => r.GetProperty("flag").GetString() == "orphaned");
            if (rollout.GetProperty("phase").GetString() == "Aborted") break;
            await Task.Delay(200);
        }

        rollout.GetProperty("phase").GetString().ShouldBe("Aborted", rollout.ToString());
        rollout.GetProperty("weight").GetDecimal().ShouldBe(0m);
        for (var i = 0; i < 50; i++) (await controller.Api.EvaluateAsync("orphaned", $"user-{i}")).ShouldBeFalse();
        controller.Log.ToString().ShouldContain("is no longer in force");
    }
}
