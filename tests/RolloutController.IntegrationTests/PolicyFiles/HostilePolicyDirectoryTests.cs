using System.Diagnostics;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RolloutController.IntegrationTests.Api;
using RolloutController.Policies;
using RolloutController.TestUtilities.Fuzzing;
using RolloutController.TestUtilities.Hosting;
using RolloutController.PolicyFiles;

namespace RolloutController.IntegrationTests.PolicyFiles;

/// <summary>
/// A running controller whose policy directory receives every file that once stopped the host: it keeps serving
/// OFREP, keeps the last valid version in force, reports each file, and starts again with them in place.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class HostilePolicyDirectoryTests
{
    private const string Flag = "steady";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Crashing_files_never_stop_the_controller_and_the_last_valid_version_stays_in_force()
    {
        await using var controller = await RunningController.StartAsync(new ControllerSetup { Policies = [TestPolicy.FourStages(Flag)] });
        var registry = controller.Services.GetRequiredService<PolicyRegistry>();
        var steady = Path.Combine(controller.PoliciesDirectory, Flag + ".yaml");
        var valid = await File.ReadAllBytesAsync(steady);
        var revision = registry.Find(Flag)!.Revision;

        // Each crashing file replaces the valid one in turn.
        foreach (var (name, content, failure) in MalformedPolicyFiles.All)
        {
            var before = registry.Errors.GetValueOrDefault(steady);
            await File.WriteAllBytesAsync(steady, content);
            await Eventually(() => registry.Errors.GetValueOrDefault(steady) is { } now && !ReferenceEquals(now, before) && !now.SequenceEqual(before ?? []),
                $"{name} ({failure}) to be reported", controller);
            await ShouldStillServeAsync(controller, registry, revision, name);
        }
        await File.WriteAllBytesAsync(steady, valid);
        await Eventually(() => !registry.Errors.ContainsKey(steady), "the valid file to be read again", controller);

        // Then every hostile entry at once, next to the valid file.
        var reported = AddHostileEntries(controller.PoliciesDirectory);
        await Eventually(() => reported.All(registry.Errors.ContainsKey), "every hostile file to be reported", controller);
        await ShouldStillServeAsync(controller, registry, revision, "hostile entries");
        registry.Errors.Keys.ShouldNotContain(k => k.Contains("dangling", StringComparison.Ordinal) || k.Contains("loop" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        foreach (var diagnostic in registry.Errors.Values.SelectMany(e => e))
            diagnostic.ToString().ShouldNotContain("\n");

        // A restart with all of them in place starts, serves, and reports them again.
        await controller.RestartAsync();
        registry = controller.Services.GetRequiredService<PolicyRegistry>();
        await ShouldStillServeAsync(controller, registry, revision, "after a restart");
        reported.ShouldAllBe(file => registry.Errors.ContainsKey(file));
    }

    private static async Task ShouldStillServeAsync(RunningController controller, PolicyRegistry registry, string revision, string after)
    {
        registry.Find(Flag).ShouldNotBeNull($"{Flag} is in force ({after})").Revision.ShouldBe(revision, $"the last valid version stays in force ({after})");
        using var response = await controller.Client.PostAsync($"ofrep/v1/evaluate/flags/{Flag}",
            new StringContent("""{"context":{"targetingKey":"user-1"}}""", Encoding.UTF8, "application/json"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"OFREP still serves {Flag} ({after}): {await response.Content.ReadAsStringAsync()}");
        using var health = await controller.Client.GetAsync("healthz");
        health.StatusCode.ShouldBe(HttpStatusCode.OK, after);
    }

    // Files the reader must report; entries it must pass over (a dangling link, a loop, a directory) are added too.
    private static List<string> AddHostileEntries(string directory)
    {
        var reported = new List<string>();
        string Add(string name) { var path = Path.Combine(directory, name); reported.Add(path); return path; }

        foreach (var (name, content, _) in MalformedPolicyFiles.All) File.WriteAllBytes(Add($"crash-{name}.yaml"), content);
        File.WriteAllBytes(Add("latin1.yaml"), [.. "apiVersion: caf"u8, 0xE9, (byte)'\n']);
        File.WriteAllBytes(Add("huge.yaml"), new byte[2 * PolicyLimits.MaxFileBytes]);
        File.CreateSymbolicLink(Add("zero.yaml"), "/dev/zero");
        File.CreateSymbolicLink(Add("self.yaml"), Path.Combine(directory, "self.yaml"));
        MakeFifo(Add("fifo.yaml"));
        File.CreateSymbolicLink(Path.Combine(directory, "dangling.yaml"), Path.Combine(directory, "nowhere"));
        Directory.CreateSymbolicLink(Path.Combine(directory, "loop"), directory);
        Directory.CreateSymbolicLink(Path.Combine(directory, "up"), Path.Combine(directory, ".."));
        Directory.CreateDirectory(Path.Combine(directory, "directory.yaml"));
        return reported;
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { RedirectStandardError = true })!;
        mkfifo.WaitForExit();
        mkfifo.ExitCode.ShouldBe(0, mkfifo.StandardError.ReadToEnd());
    }

    private static async Task Eventually(Func<bool> condition, string what, RunningController controller)
    {
        var elapsed = Stopwatch.StartNew();
        while (!condition())
        {
            if (elapsed.Elapsed > Patience) throw new TimeoutException($"timed out after {Patience} waiting for {what}\nlog:\n{controller.Log}");
            await Task.Delay(50);
        }
    }
}
