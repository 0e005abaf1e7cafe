using RolloutController.Bucketing;
using RolloutController.Flags;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.UnitTests.Policies;
using static RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>An app flag's rollout waits for its infra prerequisite: never served to more keys than the prerequisite serves.</summary>
public sealed class CoordinatedRolloutTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly RolloutPolicy _policy = Default();

    private RolloutState Started() =>
        RolloutDecider.Start(_policy, RolloutState.New("new-checkout", "new-checkout", "rev1", T0), T0).State;

    [Fact]
    public void The_gate_holds_with_a_reason_until_the_prerequisite_serves_the_next_weight()
    {
        var now = T0 + TimeSpan.FromHours(24);
        var next = _policy.Stages[1].Weight;
        PrerequisiteShare[] behind = [new("payments-v2-backend", next - 0.5m)];

        AdvanceGate.Blocked(_policy, Started(), AllPass(_policy, now), now, behind)
            .ShouldBe([$"waiting for payments-v2-backend to reach {next}% (serves {next - 0.5m}%)"]);
        RolloutDecider.Evaluate(_policy, Started(), AllPass(_policy, now), now, behind).Transitions.ShouldBeEmpty();

        PrerequisiteShare[] caughtUp = [new("payments-v2-backend", next)];
        AdvanceGate.Blocked(_policy, Started(), AllPass(_policy, now), now, caughtUp).ShouldBeEmpty();
        RolloutDecider.Evaluate(_policy, Started(), AllPass(_policy, now), now, caughtUp).Transitions.Single().Trigger.ShouldBe(RolloutTrigger.Advance);
    }

    [Fact]
    public void The_share_an_infra_prerequisite_serves_comes_from_its_fallthrough()
    {
        var loaded = PolicyYaml.Load(FlagYaml.Valid);
        loaded.Diagnostics.ShouldBeEmpty(string.Join(Environment.NewLine, loaded.Diagnostics));
        var graph = FlagGraph.Build(loaded.Flags, loaded.Segments.ToDictionary(s => s.Name),
            f => f.Key == "new-checkout" ? new FlagLiveState(RolloutBuckets.Threshold(10), false, []) : FlagLiveState.AsDeclared);

        PrerequisiteShares.Of(graph["new-checkout"]).ShouldBe([new PrerequisiteShare("payments-v2-backend", 50m)], "the infra flag's split serves on to 50%");
        PrerequisiteShares.Of(graph["payments-v2-backend"]).ShouldBeEmpty("an infra flag waits for nothing");
        PrerequisiteShares.Serving(graph["new-checkout"], 0).ShouldBe(10m);
        PrerequisiteShares.Serving(graph["new-checkout"], 1).ShouldBe(90m);
    }
}
