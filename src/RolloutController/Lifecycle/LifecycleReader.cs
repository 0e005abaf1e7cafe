using RolloutController.Engine;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Lifecycle;

/// <summary>
/// Loads what <see cref="FlagLifecycle.Assess"/> needs for a policy — since when the rollout serves 100% (what this
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

    public async Task<(LifecycleAssessment Assessment, DateTimeOffset? Started)> AssessAsync(RolloutPolicy policy, CancellationToken cancellationToken)
    {
        var state = known.Find(policy.Flag.Key);
        ReviewDecision? decision = null;
        DateTimeOffset? started = null;
        try
        {
            var subject = Subject(policy.Flag.Key);
            if (await store.GetLastAuditAsync(subject, DecideAction, cancellationToken) is { } d)
                decision = ReviewDecision.Parse(d.Entry.After, d.Entry.At, d.Entry.Actor);
            started = (await store.GetLastAuditAsync(subject, "start", cancellationToken))?.Entry.At;
        }
        catch (StoreException)
        {
            // Assessed on the file alone; the status says what the store did not answer elsewhere.
        }
        return (FlagLifecycle.Assess(policy.Metadata.Type, policy.Metadata.Removal, FullSince(state), decision, started, Today), started);
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

    /// <summary>When the rollout started serving 100%: its last stage's start while it is live or completed there.</summary>
    public static DateTimeOffset? FullSince(RolloutState? state) =>
        state is { Weight: 100m } s && (s.Phase == RolloutPhase.Completed || TransitionTable.IsLive(s.Phase)) ? s.StageStartedAt ?? s.UpdatedAt : null;
}
