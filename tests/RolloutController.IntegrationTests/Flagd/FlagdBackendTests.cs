using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using RolloutController.Analysis.Segments;
using RolloutController.Bucketing;
using RolloutController.Flags.Flagd;
using RolloutController.Flags.Platforms;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Platforms;
using RolloutController.TestUtilities.Processes;

namespace RolloutController.IntegrationTests.Flagd;

/// <summary>
/// The flagd backend through the platform sync, on a real file: each stage is written (atomically, every other entry kept),
/// confirmed by reading the file back, and loaded by <c>@openfeature/flagd-core</c> (tests/js/flagd-file), which serves
/// 20,000 contexts exactly what the controller's own buckets give — excluded segments off — at every stage.
/// </summary>
public sealed class FlagdBackendTests : IDisposable
{
    private const int Users = 20_000;
    private const string Flag = "ramp-checkout";

    // A flag the team wrote by hand: the controller must leave it as it is.
    private const string Existing = """
        {
          "$schema": "https://flagd.dev/schema/v0/flags.json",
          "flags": {
            "banner-text": { "state": "ENABLED", "variants": { "short": "Hi", "long": "Hello there" }, "defaultVariant": "long" }
          }
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("flagd-backend-").FullName;

    private readonly List<string> _written = [];

    private string FilePath => Path.Combine(_directory, "flags.flagd.json");

    [Fact]
    public async Task Each_stage_is_written_confirmed_and_served_by_flagd_core_as_the_controller_buckets_say()
    {
        await File.WriteAllTextAsync(FilePath, Existing);
        using var harness = new PlatformHarness(new FlagPlatformConnection { Type = FlagdPlatform.PlatformType, Path = FilePath }, TimeProvider.System);
        var policy = PlatformHarness.Policy(Flag);
        var version = 1L;

        foreach (var (weight, excluded) in new (decimal, string?)[] { (1m, null), (12.345m, null), (50m, "enterprise"), (100m, null) })
        {
            var state = Observing(weight, version++, excluded);
            harness.Want(policy, state);
            await harness.SyncAsync(Flag);

            var sync = harness.Flag(Flag);
            sync.Status.ShouldBe(PlatformSyncStatus.InSync, sync.Detail);
            sync.Observed!.ServedWeight.ShouldBe(weight, "the served weight is what the file reads back");
            Directory.GetFiles(_directory).ShouldBe([FilePath], "no temporary file is left beside the flag file");

            await NodeTestRun.RunAsync("flagd-file", "@openfeature/flagd-core", new Dictionary<string, string>
            {
                ["FLAGD_FILE"] = FilePath,
                ["EXPECTED_FILE"] = await ExpectedAsync(weight, excluded),
            });
        }

        harness.Want(policy, Observing(0m, version++, null) with { Phase = RolloutPhase.RolledBack });
        await harness.SyncAsync(Flag);
        harness.Flag(Flag).Status.ShouldBe(PlatformSyncStatus.InSync, harness.Flag(Flag).Detail);
        var entry = JsonNode.Parse(await File.ReadAllTextAsync(FilePath))!["flags"]![Flag]!;
        ((string)entry["state"]!).ShouldBe("DISABLED", "a rollback switches the flag off in flagd");
    }

    [Fact]
    public async Task A_change_made_by_hand_in_the_file_is_drift_and_is_not_overwritten()
    {
        using var harness = new PlatformHarness(new FlagPlatformConnection { Type = FlagdPlatform.PlatformType, Path = FilePath }, TimeProvider.System);
        var policy = PlatformHarness.Policy(Flag);
        harness.Want(policy, Observing(10m, 1, null));
        await harness.SyncAsync(Flag);
        harness.Flag(Flag).Status.ShouldBe(PlatformSyncStatus.InSync, harness.Flag(Flag).Detail);

        // Someone raises the split to 90% by hand.
        var document = JsonNode.Parse(await File.ReadAllTextAsync(FilePath))!;
        var split = document["flags"]![Flag]!["targeting"]!["if"]![1]!["fractional"]!.AsArray();
        split[1] = new JsonArray("on", 90_000);
        split[2] = new JsonArray("off", 10_000);
        var edited = document.ToJsonString();
        await File.WriteAllTextAsync(FilePath, edited);
        await harness.SyncAsync(Flag);

        var sync = harness.Flag(Flag);
        sync.Status.ShouldBe(PlatformSyncStatus.Drifted, sync.Detail);
        sync.Observed!.ServedWeight.ShouldBe(90m);
        (await File.ReadAllTextAsync(FilePath)).ShouldBe(edited, "nothing is written while the drift is unresolved");
    }

    // What the controller's buckets give each of the users (and excluded contexts), as the node test reads it.
    private async Task<string> ExpectedAsync(decimal weight, string? excludedPlan)
    {
        var contexts = new JsonArray();
        for (var i = 0; i < Users; i++)
        {
            var key = $"user-{i}";
            var plan = i % 5 == 0 ? "enterprise" : "free";
            var on = RolloutBuckets.IsOn(Flag, key, weight) && plan != excludedPlan;
            contexts.Add(new JsonObject { ["context"] = new JsonObject { ["targetingKey"] = key, ["plan"] = plan }, ["value"] = on });
        }
        var expected = new JsonObject
        {
            ["flag"] = Flag, ["keptFlag"] = "banner-text", ["keptValue"] = "Hello there", ["contexts"] = contexts,
        };
        // Beside the flag file's directory, not in it: that directory must hold the flag file alone.
        var path = _directory + $".expected-{weight}.json";
        _written.Add(path);
        await File.WriteAllTextAsync(path, expected.ToJsonString(JsonSerializerOptions.Default));
        return path;
    }

    private static RolloutState Observing(decimal weight, long version, string? excludedPlan) => new()
    {
        FlagKey = Flag,
        PolicyName = Flag,
        Phase = RolloutPhase.Observing,
        StageIndex = 0,
        Weight = weight,
        Version = version,
        ExcludedSegments = excludedPlan is null
            ? ImmutableList<ExcludedSegment>.Empty
            : [new ExcludedSegment("error-rate", Segment.Of(("plan", excludedPlan)), 2, "failed there", DateTimeOffset.UtcNow)],
    };

    public void Dispose()
    {
        Directory.Delete(_directory, recursive: true);
        foreach (var path in _written) File.Delete(path);
    }
}
