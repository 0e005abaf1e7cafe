using RolloutController.TestUtilities.Processes;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>
/// rolloutctl-fast against a real controller: the changes on-call makes, with rolloutctl's words and exit codes, and
/// every other command handed to rolloutctl.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class FastCliScenarioTests
{
    private const int Probes = 200;

    [Fact]
    public async Task On_call_aborts_with_rolloutctl_fast_sees_refusals_as_rolloutctl_does_and_other_commands_run_rolloutctl()
    {
        // Given a flag ramping at 10% under live traffic.
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 1, hold: 3s }
                - { weight: 10, hold: 10m }
                - { weight: 100, hold: 10m }
            """);
        await scenario.WaitForAsync(s => Stage(s) == 2 && Phase(s) == "Observing", TimeSpan.FromSeconds(60), "stage 2 (10%)");

        // When on-call aborts it with rolloutctl-fast.
        var (exit, output) = await FastAsync(scenario, "abort", Flag, "--reason", "INC-7: checkout errors");

        // Then it is aborted and served to nobody, and the line says so in rolloutctl's words.
        exit.ShouldBe(0, output);
        output.ShouldContain($"{Flag}: Aborted at 0% (stage 2 of 3)");
        (await scenario.Controller.CountServedOnAsync(Flag, Probes)).ShouldBe(0);

        // When a change the controller refuses is asked for, then the refusal and its exit code are rolloutctl's.
        (exit, output) = await FastAsync(scenario, "pause", Flag, "--reason", "hold it");
        exit.ShouldBe(1, output);
        output.ShouldContain("error: 409 refused: cannot pause a rollout that is Aborted");

        // When the kill switch is pulled with it, then the flag is off.
        (exit, output) = await FastAsync(scenario, "flag", "off", Flag, "--reason", "INC-7: belt and braces");
        exit.ShouldBe(0, output);
        output.ShouldContain($"{Flag}: OFF");

        // When a command it does not run is asked for, then rolloutctl runs it.
        (exit, output) = await FastAsync(scenario, "status", Flag);
        exit.ShouldBe(0, output);
        output.ShouldContain("Switched:  OFF by e2e-operator");

        // When the reason is missing, then it is a usage error, as with rolloutctl.
        (exit, output) = await FastAsync(scenario, "resume", Flag);
        exit.ShouldBe(2, output);
        output.ShouldContain("error: Option '--reason' is required.");

        // When the token is missing, then it is refused with rolloutctl's exit code for it, and nothing changes.
        (exit, output) = await FastAsync(scenario, "resume", Flag, "--reason", "try", "--token", "");
        exit.ShouldBe(4, output);
        Phase(await scenario.Controller.StatusAsync(Flag)).ShouldBe("Aborted");
    }

    private static async Task<(int Exit, string Output)> FastAsync(RolloutScenario scenario, params string[] args)
    {
        string[] connection = args.Contains("--token")
            ? ["--server", scenario.Controller.BaseUrl.ToString()]
            : ["--server", scenario.Controller.BaseUrl.ToString(), "--token", ControllerProcess.OperatorToken];
        await using var cli = ChildProcess.StartDotnet(RepositoryLayout.BuiltAssembly("RolloutController.FastCli", "rolloutctl-fast.dll"),
            [.. args, .. connection],
            new Dictionary<string, string> { ["ROLLOUTCTL_FULL"] = RepositoryLayout.BuiltAssembly("RolloutController", "rolloutctl.dll") });
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, cli.Log);
    }
}
