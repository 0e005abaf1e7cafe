using System.Text.Json.Nodes;
using RolloutController.Analysis.Segments;
using RolloutController.Flags.Platforms;
using RolloutController.Policies;

namespace RolloutController.UnitTests.Flags.Platforms;

public sealed class LaunchDarklyRolloutFlagTests
{
    private const string On = "on-id";
    private const string Off = "off-id";

    // A flag as LaunchDarkly's Get feature flag answers it (variations, environments.{env}.on/fallthrough/rules, _version).
    private static JsonObject Flag(bool on, JsonObject fallthrough, JsonArray? rules = null, bool falseFirst = false) => new()
    {
        ["key"] = "checkout",
        ["_version"] = 7,
        ["variations"] = falseFirst
            ? new JsonArray(new JsonObject { ["_id"] = Off, ["value"] = false }, new JsonObject { ["_id"] = On, ["value"] = true })
            : new JsonArray(new JsonObject { ["_id"] = On, ["value"] = true }, new JsonObject { ["_id"] = Off, ["value"] = false }),
        ["environments"] = new JsonObject
        {
            ["production"] = new JsonObject { ["on"] = on, ["fallthrough"] = fallthrough, ["offVariation"] = 1, ["rules"] = rules ?? [] },
        },
    };

    private static JsonObject Rollout(int trueIndex, int trueWeight, string bucketBy = "key") => new()
    {
        ["rollout"] = new JsonObject
        {
            ["variations"] = new JsonArray(
                new JsonObject { ["variation"] = trueIndex, ["weight"] = trueWeight },
                new JsonObject { ["variation"] = 1 - trueIndex, ["weight"] = 100_000 - trueWeight }),
            ["bucketBy"] = bucketBy,
        },
    };

    private static JsonObject ExclusionRule(string id, string attribute, params string[] values) => new()
    {
        ["_id"] = id,
        ["variation"] = 1,
        ["clauses"] = new JsonArray(new JsonObject
        {
            ["attribute"] = attribute, ["op"] = "in", ["negate"] = false, ["values"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()),
        }),
    };

    private static LaunchDarklyReading Read(JsonObject flag) => LaunchDarklyRolloutFlag.Read("checkout", "production", flag).Reading!;

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.001, 1)]
    [InlineData(12.345, 12_345)]
    [InlineData(100, 100_000)]
    public void Weights_are_thousandths_of_a_percent(decimal percent, int thousandths) =>
        LaunchDarklyRolloutFlag.Thousandths(percent).ShouldBe(thousandths);

    [Fact]
    public void A_percentage_rollout_reads_as_the_share_of_the_true_variation_whatever_its_index()
    {
        Read(Flag(true, Rollout(0, 12_345))).State.ShouldBe(new PlatformFlagState(true, true, 12.345m, []), new Same());
        var falseFirst = Read(Flag(true, Rollout(1, 2_500), falseFirst: true));
        falseFirst.State.ServedWeight.ShouldBe(2.5m);
        falseFirst.OnVariationId.ShouldBe(On);
        falseFirst.OffVariationId.ShouldBe(Off);
    }

    [Fact]
    public void A_fixed_default_serves_everyone_or_nobody_and_targeting_off_serves_nobody()
    {
        Read(Flag(true, new JsonObject { ["variation"] = 0 })).State.ServedWeight.ShouldBe(100m);
        Read(Flag(true, new JsonObject { ["variation"] = 1 })).State.ServedWeight.ShouldBe(0m);
        Read(Flag(false, Rollout(0, 50_000))).State.ServedWeight.ShouldBe(0m);
    }

    [Fact]
    public void A_rollout_bucketed_by_another_attribute_is_not_the_controller_s()
    {
        Read(Flag(true, Rollout(0, 10_000, bucketBy: "email"))).State.RulePresent.ShouldBeFalse();
    }

    [Fact]
    public void Exclusion_rules_read_as_excluded_segments_and_other_rules_are_left_to_their_owners()
    {
        var other = new JsonObject { ["_id"] = "beta", ["variation"] = 0, ["clauses"] = new JsonArray() };
        var reading = Read(Flag(true, Rollout(0, 10_000), [ExclusionRule("r1", "plan", "free", "enterprise"), other, ExclusionRule("r2", "region", "eu")]));

        reading.State.Excluded.ShouldBe([new SegmentLabel("plan", "enterprise"), new SegmentLabel("plan", "free"), new SegmentLabel("region", "eu")]);
        reading.OwnRuleIds.ShouldBe(["r1", "r2"]);
        reading.FirstOtherRuleId.ShouldBe("beta");
    }

    [Fact]
    public void A_flag_that_is_not_boolean_or_lacks_the_environment_cannot_be_driven()
    {
        var multivariate = Flag(true, Rollout(0, 0));
        multivariate["variations"] = new JsonArray(new JsonObject { ["_id"] = "a", ["value"] = "blue" }, new JsonObject { ["_id"] = "b", ["value"] = "red" });
        LaunchDarklyRolloutFlag.Read("checkout", "production", multivariate).Failure!.ShouldContain("not a boolean flag");
        LaunchDarklyRolloutFlag.Read("checkout", "staging", Flag(true, Rollout(0, 0))).Failure.ShouldBe("flag 'checkout' has no environment 'staging'");
    }

    [Fact]
    public void The_first_stage_writes_the_rollout_then_turns_targeting_on_in_one_patch_with_its_reason()
    {
        var observed = Read(Flag(false, new JsonObject { ["variation"] = 0 }));

        var patch = LaunchDarklyRolloutFlag.Patch("production", "stage 1 of checkout: 1%", new PlatformFlagState(true, true, 1m, []), observed)!;

        ((string)patch["environmentKey"]!).ShouldBe("production");
        ((string)patch["comment"]!).ShouldBe("stage 1 of checkout: 1%");
        var instructions = patch["instructions"]!.AsArray();
        instructions.Select(i => (string)i!["kind"]!).ShouldBe(["updateFallthroughVariationOrRollout", "turnFlagOn"]);
        var weights = instructions[0]!["rolloutWeights"]!.AsObject();
        ((int)weights[On]!).ShouldBe(1_000);
        ((int)weights[Off]!).ShouldBe(99_000);
        ((string)instructions[0]!["rolloutBucketBy"]!).ShouldBe("key");
        ((string)instructions[0]!["rolloutContextKind"]!).ShouldBe("user");
    }

    [Fact]
    public void A_move_to_zero_only_turns_targeting_off_and_keeps_the_rollout()
    {
        var observed = Read(Flag(true, Rollout(0, 50_000)));

        var patch = LaunchDarklyRolloutFlag.Patch("production", "rollback", new PlatformFlagState(true, false, 0m, []), observed)!;

        patch["instructions"]!.AsArray().Select(i => (string)i!["kind"]!).ShouldBe(["turnFlagOff"]);
    }

    [Fact]
    public void Changed_exclusions_replace_the_controller_s_rules_before_everyone_else_s()
    {
        var other = new JsonObject { ["_id"] = "beta", ["variation"] = 0, ["clauses"] = new JsonArray() };
        var observed = Read(Flag(true, Rollout(0, 10_000), [ExclusionRule("r1", "plan", "free"), other]));
        var desired = new PlatformFlagState(true, true, 10m, [new SegmentLabel("plan", "enterprise"), new SegmentLabel("plan", "free")]);

        var instructions = LaunchDarklyRolloutFlag.Patch("production", "excluded", desired, observed)!["instructions"]!.AsArray();

        instructions.Select(i => (string)i!["kind"]!).ShouldBe(["removeRule", "addRule"]);
        ((string)instructions[0]!["ruleId"]!).ShouldBe("r1");
        var added = instructions[1]!;
        ((string)added["variationId"]!).ShouldBe(Off);
        ((string)added["beforeRuleId"]!).ShouldBe("beta");
        var clause = added["clauses"]![0]!;
        ((string)clause["attribute"]!).ShouldBe("plan");
        ((string)clause["op"]!).ShouldBe("in");
        ((bool)clause["negate"]!).ShouldBeFalse();
        clause["values"]!.AsArray().Select(v => (string)v!).ShouldBe(["enterprise", "free"]);
    }

    [Fact]
    public void Nothing_to_change_is_no_patch() =>
        LaunchDarklyRolloutFlag.Patch("production", "same", new PlatformFlagState(true, true, 10m, []), Read(Flag(true, Rollout(0, 10_000)))).ShouldBeNull();

    [Fact]
    public void A_launchdarkly_backed_policy_takes_weights_in_thousandths_of_a_percent()
    {
        FlagPlatformRules.WeightProblem(FlagPlatform.LaunchDarkly, 12.345m).ShouldBeNull();
        FlagPlatformRules.WeightProblem(FlagPlatform.LaunchDarkly, 12.3456m).ShouldBe(
            "must be a multiple of 0.001 for a LaunchDarkly-backed flag (LaunchDarkly's rollout weights are whole thousandths of a percent), got 12.3456");
        FlagPlatformRules.ExclusionProblem(FlagPlatform.LaunchDarkly, "errors", ["plan", "region"])!.ShouldContain("group it by one label");
    }

    private sealed class Same : IEqualityComparer<PlatformFlagState>
    {
        public bool Equals(PlatformFlagState? x, PlatformFlagState? y) => x is not null && y is not null && x.Matches(y);

        public int GetHashCode(PlatformFlagState obj) => obj.ServedWeight.GetHashCode();
    }
}
