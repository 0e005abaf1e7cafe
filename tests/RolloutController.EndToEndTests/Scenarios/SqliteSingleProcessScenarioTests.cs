using RolloutController.TestUtilities.Hosting;
using RolloutController.TestUtilities.Processes;
using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>
/// Two real controller processes on one SQLite file: the second refuses to start, naming the file and pointing at
/// PostgreSQL, and the first goes on serving. A crash leaves no lock behind.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SqliteSingleProcessScenarioTests
{
    private const string Flag = "single-process";

    [Fact]
    public async Task A_second_controller_process_on_the_same_SQLite_file_refuses_to_start_and_the_first_keeps_serving()
    {
        var work = Directory.CreateTempSubdirectory("rollout-e2e-sqlite-").FullName;
        try
        {
            var policies = Directory.CreateDirectory(Path.Combine(work, "policies")).FullName;
            new TestPolicy(Flag, [(50m, "1h"), (100m, "1h")]).WriteTo(policies);
            await using var first = await ControllerProcess.StartAsync(work, policies, StubHttpServer.ClosedPortUri(), StubHttpServer.ClosedPortUri());

            var (exitCode, output) = await first.StartAnotherOnTheSameStoreAsync(TimeSpan.FromSeconds(60));

            exitCode.ShouldBe(2, output);
            var database = Path.Combine(work, "rollouts.db");
            output.ShouldContain($"error: the SQLite store '{database}' is in use by another controller process (it holds '{database}.lock')");
            output.ShouldContain("several replicas need PostgreSQL (RolloutController:Store:Provider=postgres");
            (await first.Http.GetAsync("readyz")).IsSuccessStatusCode.ShouldBeTrue();
            (await first.CountServedOnAsync(Flag, 40)).ShouldBeGreaterThan(0, "the first controller still serves its rollout");

            // The lock is the operating system's: it goes with the process, however it ends.
            await first.KillAsync();
            await first.StartAgainAsync();
            (await first.Http.GetAsync("readyz")).IsSuccessStatusCode.ShouldBeTrue();
        }
        finally
        {
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }
}
