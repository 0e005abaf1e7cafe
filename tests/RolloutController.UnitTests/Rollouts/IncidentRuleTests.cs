using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Rollouts;

/// <summary>Which notices page on-call and which tell the incident tool it is over.</summary>
public sealed class IncidentRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static Transition By(string actor, RolloutTrigger trigger) =>
        new("new-checkout", trigger, RolloutPhase.Observing, RolloutPhase.Paused, 1, 1, 10m, 10m, actor, "why", T0);

    [Theory]
    [InlineData(nameof(NoticeKind.RolledBack), "controller", nameof(IncidentAction.Trigger))]
    [InlineData(nameof(NoticeKind.NotStored), "controller", nameof(IncidentAction.Trigger))]
    [InlineData(nameof(NoticeKind.NotStored), "alice", nameof(IncidentAction.Trigger))]
    [InlineData(nameof(NoticeKind.Aborted), "controller", nameof(IncidentAction.Trigger))]
    [InlineData(nameof(NoticeKind.Paused), "controller", nameof(IncidentAction.Trigger))]
    [InlineData(nameof(NoticeKind.Aborted), "alice", nameof(IncidentAction.Resolve))]
    [InlineData(nameof(NoticeKind.Paused), "alice", nameof(IncidentAction.None))]
    [InlineData(nameof(NoticeKind.Resumed), "alice", nameof(IncidentAction.Resolve))]
    [InlineData(nameof(NoticeKind.Restarted), "alice", nameof(IncidentAction.Resolve))]
    [InlineData(nameof(NoticeKind.Completed), "controller", nameof(IncidentAction.Resolve))]
    [InlineData(nameof(NoticeKind.Advanced), "controller", nameof(IncidentAction.None))]
    [InlineData(nameof(NoticeKind.Started), "controller", nameof(IncidentAction.None))]
    [InlineData(nameof(NoticeKind.SegmentExcluded), "controller", nameof(IncidentAction.None))]
    [InlineData(nameof(NoticeKind.Warning), "controller", nameof(IncidentAction.None))]
    public void A_notice_opens_an_incident_only_when_the_controller_stopped_the_rollout_and_a_person_or_completion_closes_it(
        string kind, string actor, string expected) =>
        IncidentRule.Of(Enum.Parse<NoticeKind>(kind), By(actor, RolloutTrigger.Pause)).ToString().ShouldBe(expected);

    [Fact]
    public void The_key_is_stable_per_rollout_so_the_resolve_finds_its_trigger() =>
        IncidentRule.Key("new-checkout").ShouldBe("rollout-controller/new-checkout");
}
