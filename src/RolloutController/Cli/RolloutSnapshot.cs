using RolloutController.Api;

namespace RolloutController.Cli;

/// <summary>One read of <c>GET /api/v1/rollouts/{flag}</c>: the detail, and its gate fields when the controller reports them.</summary>
internal sealed record RolloutSnapshot(RolloutDetail Detail, RolloutGate Gate)
{
    /// <summary>Completed, rolled back or aborted: nothing more happens without an operator.</summary>
    public bool HasEnded => Detail.Rollout.Phase is "Completed" or "RolledBack" or "Aborted";
}
