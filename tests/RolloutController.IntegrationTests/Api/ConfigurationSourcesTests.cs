using System.Net;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>The controller reads a JSON file, then environment variables, then command-line values, each winning over the one before.</summary>
[Collection(ControllerCollection.Name)]
public sealed class ConfigurationSourcesTests(GuardrailMetricsFixture fixture) : IDisposable
{
    private const string FileToken = "token-from-the-json-file";
    private readonly string _directory = Directory.CreateTempSubdirectory("controller-config-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteConfig()
    {
        var path = Path.Combine(_directory, "controller.json");
        File.WriteAllText(path, $$"""
            {
              "RolloutController": {
                "Api": {
                  "RequireTokenForReads": true,
                  "Tokens": [ { "Name": "from-file", "Token": "{{FileToken}}", "Roles": [ "operator" ] } ]
                }
              }
            }
            """);
        return path;
    }

    [Fact]
    public async Task Json_file_configures_the_api()
    {
        await using var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("from-file")],
            setup => setup with { ConfigFile = WriteConfig(), WithTestTokens = false });

        (await controller.Client.GetAsync("api/v1/rollouts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var response = await controller.Api.CommandAsync("from-file", "pause", FileToken, "configured in a file");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await controller.Api.GetRolloutAsync("from-file", FileToken)).GetProperty("history")[0].GetProperty("actor").GetString().ShouldBe("from-file");
    }

    [Fact]
    public async Task Environment_variables_win_over_the_file_and_command_line_values_over_both()
    {
        const string variable = "RolloutController__Api__RequireTokenForReads";
        var before = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, "false");
        try
        {
            await using (var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("from-env")],
                             setup => setup with { ConfigFile = WriteConfig(), WithTestTokens = false }))
            {
                (await controller.Client.GetAsync("api/v1/rollouts")).StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            await using (var controller = await fixture.Metrics.StartControllerAsync([TestPolicy.FourStages("from-env")], setup => setup with
                         {
                             ConfigFile = WriteConfig(),
                             WithTestTokens = false,
                             Overrides = new Dictionary<string, string?> { ["RolloutController:Api:RequireTokenForReads"] = "true" },
                         }))
            {
                (await controller.Client.GetAsync("api/v1/rollouts")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
        }
    }
}
