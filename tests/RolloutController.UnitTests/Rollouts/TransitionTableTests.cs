using RolloutController.Rollouts;

namespace RolloutController.UnitTests.Rollouts;

public sealed class TransitionTableTests
{
    [Fact]
    public void Pending_starts_into_observing()
    {
        TransitionTable.TryNext(RolloutPhase.Pending, RolloutTrigger.Start, out var to).ShouldBeTrue();
        to.ShouldBe(RolloutPhase.Observing);
    }
}
