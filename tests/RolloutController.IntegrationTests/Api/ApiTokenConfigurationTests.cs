using System.Net;
using Microsoft.Extensions.Options;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>
/// API tokens fail closed: a mistake in how a token's roles are written stops the start instead of granting more than
/// was meant, and a token without roles may change nothing.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class ApiTokenConfigurationTests : IDisposable
{
    private const string Flag = "token-config";
    private readonly string _directory = Directory.CreateTempSubdirectory("rollout-tokens-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string ConfigFile(string json)
    {
        var path = Path.Combine(_directory, "controller.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public async Task A_misspelt_roles_key_a_roles_string_and_a_padded_token_stop_the_start_together()
    {
        var setup = new ControllerSetup
        {
            WithTestTokens = false,
            ConfigFile = ConfigFile("""
                {"RolloutController": {"Api": {"Tokens": [
                  {"Name": "alice", "Token": "alice-token-0123456789", "Role": ["viewer"]},
                  {"Name": "bob", "Token": "bob-token-0123456789", "Roles": "viewer"},
                  {"Name": "carol", "Token": " carol-token-0123456789 ", "Roles": ["operator"]}
                ]}}}
                """),
        };

        var ex = await Should.ThrowAsync<OptionsValidationException>(() => RunningController.StartAsync(setup));

        ex.Failures.ShouldBe([
            "RolloutController:Api:Tokens:0:Role is not a known key; use one of: Name, Token, Roles, Teams",
            "RolloutController:Api:Tokens:1:Roles must be a list such as [\"viewer\"] (was the single value 'viewer')",
            "RolloutController:Api:Tokens:2:Token has leading or trailing whitespace; remove it (a presented token is trimmed, so this one could never match)",
        ], ignoreOrder: true);
        ex.Message.ShouldNotContain("carol-token-0123456789");
    }

    [Fact]
    public async Task A_token_without_roles_may_not_change_anything_and_is_warned_about_at_start()
    {
        const string token = "no-roles-token-0123456789";
        await using var controller = await RunningController.StartAsync(new ControllerSetup
        {
            Policies = [TestPolicy.FourStages(Flag)],
            WithTestTokens = false,
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:Api:Tokens:0:Name"] = "nobody",
                ["RolloutController:Api:Tokens:0:Token"] = token,
            },
        });

        using var response = await controller.Api.CommandAsync(Flag, "pause", token, "testing");

        var problem = await ProblemDetails.ReadAsync(response);
        (problem.Status, problem.Title, problem.Detail).ShouldBe((HttpStatusCode.Forbidden, "forbidden", "token 'nobody' lacks the 'operator' role"));
        controller.Log.Lines.ShouldContain(l => l.Contains("Warning") &&
            l.Contains("API token 'nobody' (RolloutController:Api:Tokens:0) has no roles: every change is refused to it"));
        controller.Log.ToString().ShouldNotContain(token);
    }
}
