using RolloutController.Engine;
using RolloutController.Flags;
using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Dashboard;

/// <summary>The list's lines: every rollout this replica knows and every flag served without one, in flag order. Pure.</summary>
internal static class FlagRows
{
    public static List<FlagRow> Build(
        IEnumerable<(RolloutState State, DateTimeOffset? WatchedSince)> rollouts, IPolicySource policies,
        IReadOnlyDictionary<string, ServableFlag> served, DateTimeOffset now)
    {
        var rows = new Dictionary<string, FlagRow>(StringComparer.Ordinal);
        foreach (var (state, watchedSince) in rollouts)
        {
            var policy = policies.Find(state.FlagKey);
            var summary = Api.RolloutViews.Summary(policy, state, now, watchedSince);
            rows[state.FlagKey] = new FlagRow(state.FlagKey, summary.Phase, summary.Stage, summary.Stages, summary.Weight,
                summary.HoldRemainingSeconds, summary.Owner ?? "", summary.Type ?? "", policy?.Metadata.Removal?.ReviewBy,
                summary.OverdueSeconds > 0, state.PauseReason);
        }
        foreach (var (key, flag) in served)
        {
            if (rows.ContainsKey(key)) continue;
            var metadata = flag.Definition.Metadata;
            rows[key] = new FlagRow(key, null, 0, 0, 0m, null, metadata.Owner, Type(metadata.Type), metadata.Removal?.ReviewBy, false, null);
        }
        return rows.Values.OrderBy(r => r.Flag, StringComparer.Ordinal).ToList();
    }

    public static string Type(FlagType type) => type.ToString().ToLowerInvariant();
}
