using RolloutController.Flags.Builtin;

namespace RolloutController.UnitTests.Flags;

public sealed class ReplicaSyncTests
{
    [Fact]
    public void Rollout_notifications_name_the_flags_to_read_once_each()
    {
        var sync = ReplicaSync.Of(["rollouts:a", "rollouts:b", "rollouts:a"]);

        sync.Rollouts.Order(StringComparer.Ordinal).ShouldBe(["a", "b"]);
        sync.Policies.ShouldBeFalse();
        sync.Everything.ShouldBeFalse();
    }

    [Fact]
    public void A_policy_reload_asks_for_a_reload()
    {
        var sync = ReplicaSync.Of(["policies", "rollouts:a"]);

        sync.Policies.ShouldBeTrue();
        sync.Rollouts.ShouldBe(["a"]);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("rollouts:")]
    [InlineData("flag_switches:payments")]
    public void Anything_unknown_reads_every_rollout(string payload)
    {
        ReplicaSync.Of([payload]).Everything.ShouldBeTrue();
    }
}
