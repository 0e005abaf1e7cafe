using RolloutController.Store;

namespace RolloutController.Api;

/// <summary><c>GET /api/v1/rollouts/{flag}</c>: everything a release manager or on-call needs to see why a gate is or is not open.</summary>
internal sealed record RolloutDetail(
    RolloutSummary Rollout,
    string Owner,
    string Type,
    string Reason,
    string Source,
    IReadOnlyList<StageView> Plan,
    IReadOnlyList<GuardrailStatus> Guardrails,
    IReadOnlyList<TransitionView> History,
    IReadOnlyList<NotificationAttempt> Notifications);
