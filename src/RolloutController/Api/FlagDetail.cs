namespace RolloutController.Api;

/// <summary>
/// <c>GET /api/v1/flags/{flag}</c> and the answer to <c>POST /api/v1/flags/{flag}/off|on</c>: one flag — declared by a
/// Flag document, a policy, or both — whether it is switched off, its rollout when a policy drives it, and its history
/// (switches and, for a flag under rollout, the rollout's transitions), newest first.
/// </summary>
/// <param name="Flag">The flag key.</param>
/// <param name="Type">release, experiment, ops or permission.</param>
/// <param name="Layer">app or infra.</param>
/// <param name="DefaultVariant">Served to everyone while the flag is switched off.</param>
/// <param name="Policy">The policy that ramps it; null when none does.</param>
/// <param name="SwitchedOff">Who switched it off, why and since when; null when it is on.</param>
/// <param name="Rollout">What its rollout serves now; null without a policy, or before its rollout started.</param>
/// <param name="Note">Set when what is shown is not all stored (a switch-off served but not stored yet) or not all read.</param>
/// <param name="RolloutNote">After a switch: what it did to the rollout (paused at 10%, still paused, or why not).</param>
internal sealed record FlagDetail(
    string Flag,
    string Type,
    string Owner,
    string Layer,
    string DefaultVariant,
    string? Policy,
    SwitchView? SwitchedOff,
    RolloutSummary? Rollout,
    IReadOnlyList<TransitionView> History,
    string? Note = null,
    string? RolloutNote = null);
