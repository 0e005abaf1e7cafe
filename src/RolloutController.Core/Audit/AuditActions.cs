using RolloutController.Rollouts;

namespace RolloutController.Audit;

/// <summary>The audit entry of a stored rollout transition: every command and every automatic move. Pure.</summary>
internal static class AuditActions
{
    /// <summary>Role recorded for the controller's own changes.</summary>
    public const string ControllerRole = "controller";

    public static AuditEntry Of(Transition t) => new(
        t.At,
        t.Actor,
        t.Role ?? (t.Actor == RolloutDecider.ControllerActor ? ControllerRole : "unknown"),
        t.Trigger.ToString().ToLowerInvariant(),
        $"flag/{t.FlagKey}",
        t.Reason,
        State(t.From, t.FromStage, t.FromWeight),
        State(t.To, t.ToStage, t.ToWeight));

    // Stages are counted from 1, as status and the API show them.
    private static string State(RolloutPhase phase, int stage, decimal weight) =>
        FormattableString.Invariant($"{phase} stage {stage + 1} at {weight}%");
}
