using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using RolloutController.TestUtilities.Processes;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

[Collection(EndToEndCollection.Name)]
public sealed class FlagdExportScenarioTests
{
    [Fact]
    public async Task Rolloutctl_exports_what_the_controller_serves_now_in_flagds_format_and_the_endpoint_takes_the_read_token()
    {
        // Given a flag ramping at 10%.
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 1, hold: 3s }
                - { weight: 10, hold: 10m }
            """);
        await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing", TimeSpan.FromSeconds(60), "stage 2 (10%)");

        // When release management exports the flag set with rolloutctl into a file.
        var file = Path.Combine(Path.GetTempPath(), $"flags-{Guid.NewGuid():N}.flagd.json");
        try
        {
            var (exit, output) = await scenario.RolloutCtlAsync("export", "--format", "flagd", "--file", file);

            // Then the file is flagd's document with the flag's 10% as a fractional split on the controller's buckets.
            exit.ShouldBe(0, output);
            var document = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
            document["$schema"]!.GetValue<string>().ShouldBe("https://flagd.dev/schema/v0/flags.json");
            var flag = document["flags"]![Flag]!;
            flag["metadata"]!["rolloutWeight"]!.GetValue<double>().ShouldBe(10);
            flag["targeting"]!.ToJsonString().ShouldContain("""["on",10000],["off",90000]""");

            // And the endpoint answers 304 to a poller holding the same version, and takes tokens as every read endpoint does.
            using var again = new HttpRequestMessage(HttpMethod.Get, "api/v1/export/flagd");
            again.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse($"\"{document["metadata"]!["version"]!.GetValue<string>()}\""));
            using var notModified = await scenario.Controller.Http.SendAsync(again);
            notModified.StatusCode.ShouldBe(HttpStatusCode.NotModified);
            (await StatusWithTokenAsync(scenario, "api/v1/export/flagd", "not-a-token-of-this-controller"))
                .ShouldBe(await StatusWithTokenAsync(scenario, "api/v1/rollouts", "not-a-token-of-this-controller"), "the read rule of every read endpoint");

            // When on-call switches the flag off, the next export serves everyone its default variant.
            (exit, output) = await scenario.RolloutCtlAsync("flag", "off", Flag, "--reason", "INC-7: export check");
            exit.ShouldBe(0, output);
            (exit, output) = await scenario.RolloutCtlAsync("export", "--format", "flagd");
            exit.ShouldBe(0, output);
            var off = JsonNode.Parse(output[output.IndexOf('{', StringComparison.Ordinal)..])!["flags"]![Flag]!.AsObject();
            off.ContainsKey("targeting").ShouldBeFalse();
            off["defaultVariant"]!.GetValue<string>().ShouldBe("off");
            off["metadata"]!["switchReason"]!.GetValue<string>().ShouldBe("INC-7: export check");

            // And an unknown format is a usage error naming the allowed ones.
            (exit, output) = await scenario.RolloutCtlAsync("export", "--format", "unleash");
            exit.ShouldBe(2, output);
            output.ShouldContain("flagd");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<HttpStatusCode> StatusWithTokenAsync(RolloutScenario scenario, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await scenario.Controller.Http.SendAsync(request);
        return response.StatusCode;
    }
}
