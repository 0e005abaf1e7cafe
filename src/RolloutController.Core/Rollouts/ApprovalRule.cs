using System.Globalization;
using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>
/// Who must sign off a stage before the rollout leaves it, and who may: the stage entered next is one of
/// <c>spec.approvals.before</c> (that many distinct people), or the current stage has <c>gate: manual</c> (one person).
/// Approvals count only for the stage and the policy revision they were given for, so a changed policy is approved again.
/// Nobody approves a rollout they started or last resumed. Only moves to a higher weight wait: a rollback, an abort or a
/// pause never asks here. Pure.
/// </summary>
internal static class ApprovalRule
{
    /// <summary>How many distinct people must approve before the rollout leaves its current stage; 0 when none.</summary>
    public static int Required(RolloutPolicy policy, RolloutState state)
    {
        if (state.StageIndex < 0 || state.StageIndex >= policy.Stages.Count) return 0;
        var next = state.StageIndex + 1;
        var before = policy.Governance.Approvals is { } a && next < policy.Stages.Count && a.Before.Contains(policy.Stages[next].Weight)
            ? a.Required
            : 0;
        return policy.Stages[state.StageIndex].ManualGate ? Math.Max(before, 1) : before;
    }

    /// <summary>The distinct people who approved the current stage under the policy's current revision, first first.</summary>
    public static IReadOnlyList<string> Given(RolloutPolicy policy, RolloutState state) =>
        state.Approvals.Where(a => a.StageIndex == state.StageIndex && a.Revision == policy.Revision)
            .Select(a => a.Actor).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Whether the current stage has every approval it needs (always, when it needs none).</summary>
    public static bool Met(RolloutPolicy policy, RolloutState state) => Given(policy, state).Count >= Required(policy, state);

    /// <summary>
    /// <c>waiting for approval to go to 50%: 1 of 2 given (alice); rolloutctl approve new-checkout --reason "…"</c>; empty
    /// when nothing is awaited.
    /// </summary>
    public static IEnumerable<string> WhyNot(RolloutPolicy policy, RolloutState state)
    {
        if (Met(policy, state)) yield break;
        var given = Given(policy, state);
        yield return $"waiting for approval {Move(policy, state)}: {given.Count} of {Required(policy, state)} given" +
            (given.Count > 0 ? $" ({string.Join(", ", given)})" : "") + $"; {Command(policy.Flag.Key)}";
    }

    /// <summary>What approving does, in words: <c>to go to 50%</c>, or <c>to complete</c> at the last stage.</summary>
    public static string Move(RolloutPolicy policy, RolloutState state) =>
        state.StageIndex >= policy.Stages.Count - 1
            ? "to complete"
            : $"to go to {policy.Stages[state.StageIndex + 1].Weight.ToString("0.###", CultureInfo.InvariantCulture)}%";

    /// <summary>How an approver approves.</summary>
    public static string Command(string flagKey) =>
        $"rolloutctl approve {flagKey} --reason \"<why>\" (or POST /api/v1/rollouts/{flagKey}/approve)";

    /// <summary>
    /// Why <paramref name="actor"/> may not approve the current stage now; null when they may.
    /// </summary>
    /// <param name="memberships">The approver's roles (with those they imply) and teams, matched against <c>approvals.from</c>.</param>
    public static string? Refusal(RolloutPolicy policy, RolloutState state, string actor, IReadOnlyCollection<string> memberships)
    {
        if (!TransitionTable.IsLive(state.Phase)) return $"nothing to approve: the rollout is {state.Phase}";
        if (Required(policy, state) == 0)
            return $"nothing to approve: stage {state.StageIndex + 1} of '{policy.Flag.Key}' needs no approval {Move(policy, state)}";
        if (string.Equals(state.ResumedBy, actor, StringComparison.Ordinal))
            return $"'{actor}' started or last resumed this rollout and may not approve it: another person must";
        if (Given(policy, state).Contains(actor, StringComparer.Ordinal))
            return $"'{actor}' has approved this stage already: approvals must come from {Required(policy, state)} distinct people";
        if (policy.Governance.Approvals is { From.Count: > 0 } a && !a.From.Any(memberships.Contains))
            return $"approvals of '{policy.Flag.Key}' come from {string.Join(", ", a.From)}; '{actor}' holds none of them";
        return null;
    }
}
