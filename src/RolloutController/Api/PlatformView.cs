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
    /// <summary>
    /// While the flag is found changed by hand (<c>Drifted</c>): the three answers a person has — adopt, resume, abort —
    /// each with its command; empty otherwise.
    /// </summary>
    public IReadOnlyList<string> Answers { get; init; } = [];

    public static PlatformView? Of(PlatformSync? platforms, string flagKey)
    {
        if (platforms?.Find(flagKey) is not { } sync) return null;
        lock (sync.Gate)
            return new PlatformView(sync.Platform.Name, sync.Status.ToString(), sync.Observed?.ServedWeight, sync.Observed?.Enabled,
                sync.Observed?.RuleId ?? sync.Confirmed?.RuleId, sync.Detail, sync.ReadAt)
            {
                Answers = sync.Status == PlatformSyncStatus.Drifted ? DriftAnswers(flagKey, sync.Desired.Weight, sync.Platform.Name) : [],
            };
    }

    /// <summary>What this replica last read of the flag on its platform, for listing adopt as possible; null before the first read.</summary>
    public static PlatformObservation? LastObservation(PlatformSync? platforms, string flagKey)
    {
        if (platforms?.Find(flagKey) is not { } sync) return null;
        lock (sync.Gate)
            return sync.Observed is { } observed
                ? new PlatformObservation(sync.Platform.Name, observed, sync.DriftUnresolved, sync.DriftUnresolved ? sync.Detail : null)
                : null;
    }

    private static IReadOnlyList<string> DriftAnswers(string flag, decimal weight, string provider) =>
    [
        $"adopt: keep the change and go on from it (when the ramp can serve it; switched off: the kill switch): rolloutctl adopt {flag} --reason \"<why>\"",
        $"resume: overwrite the change with the rollout's {weight:0.###}% on {provider}: rolloutctl resume {flag} --reason \"<why>\"",
        $"abort: turn the flag off: rolloutctl abort {flag} --reason \"<why>\"",
    ];
}
