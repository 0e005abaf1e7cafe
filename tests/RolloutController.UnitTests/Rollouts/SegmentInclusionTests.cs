using RolloutController.Analysis.Segments;
using RolloutController.Rollouts;
using PolicyBuilder = RolloutController.TestUtilities.Builders.Policies;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>Including an excluded segment again: the segment only, nothing of the ramp restarts; anything else is refused.</summary>
public sealed class SegmentInclusionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly Segment Enterprise = Segment.Of(("plan", "enterprise"));
    private static readonly Segment Free = Segment.Of(("plan", "free"));

    private static RolloutState Excluding(RolloutPhase phase) => RolloutState.New("new-checkout", "new-checkout", "r1", Now.AddHours(-3)) with
    {
        Phase = phase, StageIndex = 1, Weight = 10m, HoldServed = TimeSpan.FromMinutes(40), HoldCountingSince = Now.AddMinutes(-5),
        ExcludedSegments =
        [
            new ExcludedSegment("errors by plan", Enterprise, 1, "0.2 above max 0.05", Now.AddHours(-1)),
            new ExcludedSegment("errors by plan", Free, 1, "0.3 above max 0.05", Now.AddHours(-1)),
        ],
    };

    [Theory]
    [InlineData("Observing")]
    [InlineData("Paused")]
    public void Including_a_segment_removes_its_exclusion_only_and_keeps_phase_stage_weight_and_hold(string phase)
    {
        var state = Excluding(Enum.Parse<RolloutPhase>(phase));

        var result = RolloutDecider.Apply(PolicyBuilder.Default(), state, RolloutCommand.Include, "alice", "fixed in 2.4.1", Now, segment: Enterprise);

        var next = result.Decision!.State;
        next.ExcludedSegments.Select(e => e.Segment).ShouldBe([Free]);
        (next.Phase, next.StageIndex, next.Weight, next.HoldServed, next.HoldCountingSince).ShouldBe(
            (state.Phase, state.StageIndex, state.Weight, state.HoldServed, state.HoldCountingSince));
        var t = result.Decision.Transitions.Single();
        (t.Trigger, t.Actor, t.Reason).ShouldBe((RolloutTrigger.Include, "alice", "include plan=\"enterprise\": fixed in 2.4.1"));
        result.Decision.Notices.Single().Kind.ShouldBe(NoticeKind.SegmentIncluded);
        SafetyRule.IsAwayFromSafety(result.Decision).ShouldBeTrue();
    }

    [Fact]
    public void A_segment_that_is_not_excluded_is_refused_naming_those_that_are()
    {
        var refused = RolloutDecider.Apply(PolicyBuilder.Default(), Excluding(RolloutPhase.Observing), RolloutCommand.Include, "alice", "why", Now,
            segment: Segment.Of(("plan", "pro")));
        var none = RolloutDecider.Apply(PolicyBuilder.Default(), Excluding(RolloutPhase.Observing) with { ExcludedSegments = [] },
            RolloutCommand.Include, "alice", "why", Now, segment: Enterprise);
        var missing = RolloutDecider.Apply(PolicyBuilder.Default(), Excluding(RolloutPhase.Observing), RolloutCommand.Include, "alice", "why", Now);

        refused.Decision.ShouldBeNull();
        refused.Error.ShouldBe($"segment plan=\"pro\" is not excluded from '{PolicyBuilder.Default().Flag.Key}'; excluded: plan=\"enterprise\"; plan=\"free\"");
        none.Error!.ShouldEndWith("; no segment is");
        missing.Error.ShouldBe("a segment is required, e.g. --segment plan=enterprise");
    }

    [Fact]
    public void A_finished_rollout_has_nothing_to_include()
    {
        var result = RolloutDecider.Apply(PolicyBuilder.Default(), Excluding(RolloutPhase.Completed), RolloutCommand.Include, "alice", "why", Now, segment: Enterprise);

        result.Error!.ShouldStartWith("cannot include a rollout that is Completed");
    }

    [Theory]
    [InlineData("plan=enterprise", "plan=\"enterprise\"")]
    [InlineData(" plan=enterprise ", "plan=\"enterprise\"")]
    [InlineData("plan=\"enterprise\"", "plan=\"enterprise\"")]
    [InlineData("region=eu,plan=pro", "plan=\"pro\",region=\"eu\"")]
    [InlineData("plan=\"pro\",region=\"eu\"", "plan=\"pro\",region=\"eu\"")]
    public void Segments_are_read_as_people_write_them(string text, string segment) =>
        SegmentInclusion.Parse(text)!.ToString().ShouldBe(segment);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("enterprise")]
    [InlineData("plan=")]
    [InlineData("=enterprise")]
    [InlineData("all")]
    [InlineData("9plan=x")]
    public void Anything_else_is_no_segment(string? text) => SegmentInclusion.Parse(text).ShouldBeNull();
}
