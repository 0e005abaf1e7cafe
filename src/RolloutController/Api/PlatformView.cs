using RolloutController.Flags.Platforms;

namespace RolloutController.Api;

/// <summary>
/// A platform-backed flag in the rollout detail: what its platform serves as last read back (not what was sent), and
/// where it stands (<c>InSync</c>, <c>Applying</c>, <c>Unreachable</c>, <c>Drifted</c>, <c>RollbackPending</c>).
/// </summary>
/// <param name="Provider">The connection's name (<c>spec.flag.provider</c>).</param>
/// <param name="ServedWeight">What the platform serves, as read back; null before the first read.</param>
/// <param name="Enabled">Whether the flag is on in the platform's environment, as read back.</param>
/// <param name="RuleId">The platform's id of the controller's rule (Unleash: the flexibleRollout strategy's id).</param>
/// <param name="Detail">What was read, or what failed, or what was changed by hand.</param>
internal sealed record PlatformView(string Provider, string Status, decimal? ServedWeight, bool? Enabled, string? RuleId, string Detail,
    DateTimeOffset? ReadAt)
{
    public static PlatformView? Of(PlatformSync? platforms, string flagKey)
    {
        if (platforms?.Find(flagKey) is not { } sync) return null;
        lock (sync.Gate)
            return new PlatformView(sync.Platform.Name, sync.Status.ToString(), sync.Observed?.ServedWeight, sync.Observed?.Enabled,
                sync.Observed?.RuleId ?? sync.Confirmed?.RuleId, sync.Detail, sync.ReadAt);
    }
}
