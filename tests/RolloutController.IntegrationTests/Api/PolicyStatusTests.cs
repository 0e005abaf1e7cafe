using System.Net.Http.Json;
using System.Text.Json;
using RolloutController.Cli;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>A policy file that fails validation is not applied; its errors are exposed by the API and rolloutctl.</summary>
[Collection(ControllerCollection.Name)]
public sealed class PolicyStatusTests(GuardrailMetricsFixture fixture)
{
    [Fact]
    public async Task An_invalid_edit_keeps_the_previous_version_in_force_and_shows_the_error_with_its_location()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("edited")]);
        var file = Directory.GetFiles(controller.PoliciesDirectory, "*.yaml").Single();
        var text = await File.ReadAllTextAsync(file);
        await File.WriteAllTextAsync(file, text.Replace("weight: 10", "weight: 500", StringComparison.Ordinal));

        JsonElement status = default;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            status = await controller.Client.GetFromJsonAsync<JsonElement>("api/v1/policies");
            if (status.GetProperty("errors").GetArrayLength() > 0) break;
            await Task.Delay(200);
        }

        var error = status.GetProperty("errors")[0];
        error.GetProperty("file").GetString().ShouldBe(file);
        error.GetProperty("line").GetInt32().ShouldBeGreaterThan(0);
        error.GetProperty("path").GetString()!.ShouldStartWith("spec.stages[");
        status.GetProperty("policies")[0].GetProperty("flag").GetString().ShouldBe("edited", "the previous valid version stays in force");

        var stdout = new StringWriter();
        var exit = await RolloutCtl.RunAsync(["policies", "--server", controller.BaseUri.ToString()], stdout, new StringWriter());
        exit.ShouldBe(ExitCodes.Failed);
        stdout.ToString().ShouldContain($"{file}:");
        stdout.ToString().ShouldContain("edited");
    }
}
