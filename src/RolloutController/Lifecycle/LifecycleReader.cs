using RolloutController.Engine;
using RolloutController.Flags;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Lifecycle;

/// <summary>
/// Loads what <see cref="FlagLifecycle.Assess"/> needs for a policy (or a flag document no policy drives) — since when the rollout serves 100% (what this
/// replica serves), the last review decision and the rollout's last start (both from the audit log) — and assesses it.
/// A store that does not answer leaves the decision out: the assessment then follows the file alone.
/// </summary>
internal sealed class LifecycleReader(IRolloutStore store, KnownRollouts known, TimeProvider time)
{
    /// <summary>Audit action of a review decision.</summary>
    public const string DecideAction = "review-decide";

    public static string Subject(string flag) => $"flag/{flag}";

    /// <summary>What this replica serves of <paramref name="flag"/>.</summary>
    public Rollouts.RolloutState? Known(string flag) => known.Find(flag);

    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public Task<(LifecycleAssessment Assessment, DateTimeOffset? Started)> AssessAsync(RolloutPolicy policy, CancellationToken cancellationToken) =>
        AssessAsync(policy.Flag.Key, policy.Metadata, Subject(policy.Flag.Key), "start", cancellationToken);

    /// <summary>
    /// A flag no policy drives (a <c>kind: Flag</c> document: an ops or permission flag): no rollout serves it, so it is
    /// never at 100% of a ramp, and its age and quarterly review run from the document's last revision in the audit log.
    /// </summary>
    public Task<(LifecycleAssessment Assessment, DateTimeOffset? Started)> AssessAsync(FlagDefinition flag, CancellationToken cancellationToken) =>
        AssessAsync(flag.Key, flag.Metadata, DocumentSubject(flag.Key), "revision", cancellationToken);

    /// <summary>The audit subject of a flag document's revisions.</summary>
    public static string DocumentSubject(string flag) => $"flag-document/{flag}";

    // The review decision is read from the flag's subject; the start (the age, a permanent flag's quarter) from the
    // given subject and action.
    private async Task<(LifecycleAssessment Assessment, DateTimeOffset? Started)> AssessAsync(
        string flag, PolicyMetadata metadata, string startSubject, string startAction, CancellationToken cancellationToken)
    {
        var state = known.Find(flag);
        ReviewDecision? decision = null;
        DateTimeOffset? started = null;
        try
        {
            if (await store.GetLastAuditAsync(Subject(flag), DecideAction, cancellationToken) is { } d)
                decision = ReviewDecision.Parse(d.Entry.After, d.Entry.At, d.Entry.Actor);
            started = (await store.GetLastAuditAsync(startSubject, startAction, cancellationToken))?.Entry.At;
        }
        catch (StoreException)
        {
            // Assessed on the file alone; the status says what the store did not answer elsewhere.
        }
        return (FlagLifecycle.Assess(metadata.Type, metadata.Removal, FullSince(state), decision, started, Today), started);
    }

    /// <summary>
    /// <see cref="AssessAsync"/> within <paramref name="budget"/>; past it, the assessment of the file and what this
    /// replica serves alone (a read never waits long on the store).
    /// </summary>
    public async Task<LifecycleAssessment> AssessWithinAsync(RolloutPolicy policy, TimeSpan budget, CancellationToken cancellationToken)
    {
        try
        {
            return (await AssessAsync(policy, cancellationToken).WaitAsync(budget, time, cancellationToken)).Assessment;
        }
        catch (TimeoutException)
        {
            return FlagLifecycle.Assess(policy.Metadata.Type, policy.Metadata.Removal, FullSince(known.Find(policy.Flag.Key)), null, null, Today);
        }
    }

    /// <summary>The <c>kind: Flag</c> documents in force that no policy drives, by key.</summary>
    public IEnumerable<FlagDefinition> FlagsWithoutPolicy(PolicyFiles.PolicyRegistry registry) =>
        registry.Flags.Where(f => registry.Find(f.Key) is null).OrderBy(f => f.Key, StringComparer.Ordinal);

    /// <summary>When the rollout started serving 100%: its last stage's start while it is live or completed there.</summary>
    public static DateTimeOffset? FullSince(RolloutState? state) =>
        state is { Weight: 100m } s && (s.Phase == RolloutPhase.Completed || TransitionTable.IsLive(s.Phase)) ? s.StageStartedAt ?? s.UpdatedAt : null;
}
