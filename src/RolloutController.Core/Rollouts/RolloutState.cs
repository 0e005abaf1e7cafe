using System.Collections.Immutable;

namespace RolloutController.Rollouts;

/// <summary>The persisted state of one flag's rollout. Everything the decider needs to continue after a restart.</summary>
internal sealed record RolloutState
{
    public required string FlagKey { get; init; }
    public required string PolicyName { get; init; }
    public string? PolicyRevision { get; init; }
    public RolloutPhase Phase { get; init; } = RolloutPhase.Pending;

    /// <summary>Index into the policy's stages; -1 before the first stage.</summary>
    public int StageIndex { get; init; } = -1;

    /// <summary>Percentage currently served "on" (0–100, three decimals).</summary>
    public decimal Weight { get; init; }

    public DateTimeOffset? StageStartedAt { get; init; }

    /// <summary>Hold time served in the current stage up to <see cref="HoldCountingSince"/>.</summary>
    public TimeSpan HoldServed { get; init; }

    /// <summary>When hold time started counting again; null while it does not count (paused, stopped).</summary>
    public DateTimeOffset? HoldCountingSince { get; init; }

    /// <summary>Set by promote: the current stage's hold is treated as served.</summary>
    public bool HoldWaived { get; init; }

    public ImmutableDictionary<string, GuardrailStreak> Streaks { get; init; } =
        ImmutableDictionary<string, GuardrailStreak>.Empty;

    public int ConsecutiveErrorRounds { get; init; }
    public int ConsecutiveNoDataRounds { get; init; }

    /// <summary>Consecutive rounds in which at least one guardrail was inconclusive (not enough data yet).</summary>
    public int ConsecutiveInconclusiveRounds { get; init; }

    /// <summary>Segments served off because a per-segment guardrail with <c>onSegmentBreach: exclude</c> tripped for them.</summary>
    public ImmutableList<ExcludedSegment> ExcludedSegments { get; init; } = ImmutableList<ExcludedSegment>.Empty;
    public string? PauseReason { get; init; }

    /// <summary>Sign-offs of the current stage (<see cref="ApprovalRule"/>); cleared when a stage is entered.</summary>
    public ImmutableList<Approval> Approvals { get; init; } = ImmutableList<Approval>.Empty;

    /// <summary>Who last resumed or restarted the rollout; they may not approve it. Null: only the controller moved it on.</summary>
    public string? ResumedBy { get; init; }

    /// <summary>The stage whose approvers were last told an approval is awaited; -1: none yet.</summary>
    public int ApprovalRequestedStage { get; init; } = -1;

    /// <summary>
    /// A release manager's leave to advance through controller-wide freezes; it counts only for the policy revision it
    /// was given for (<see cref="FreezeOverrideRule"/>). Null when none was given.
    /// </summary>
    public FreezeOverride? FreezeOverride { get; init; }
    public DateTimeOffset? LastMeasuredAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Optimistic-concurrency version; 0 for a state never stored.</summary>
    public long Version { get; init; }

    /// <summary>
    /// The percentage services are actually served: the weight while the rollout is live or completed, 0 otherwise
    /// (pending, rolled back, aborted). The one place this rule lives; everything that serves or shows a weight asks here.
    /// </summary>
    public decimal ServedWeight => TransitionTable.IsLive(Phase) || Phase == RolloutPhase.Completed ? Weight : 0m;

    /// <summary>
    /// The rollout as services see it under <paramref name="policy"/>: itself, or for a dry run (<c>spec.mode: dry-run</c>)
    /// a rollout that never started — 0%, no segment excluded — since a dry run decides and records but never changes what
    /// is served. Whatever serves a flag or reports what is served asks here.
    /// </summary>
    public RolloutState AsServed(Policies.RolloutPolicy policy) =>
        policy.Governance.DryRun
            // A rollout that never started, built afresh (only the state machine moves a phase); its version and time
            // stay, so what serves it still sees when it changed.
            ? New(FlagKey, PolicyName, PolicyRevision, UpdatedAt) with { Version = Version }
            : this;

    public TimeSpan HoldServedAt(DateTimeOffset now) =>
        HoldServed + (HoldCountingSince is { } since && now > since ? now - since : TimeSpan.Zero);

    public GuardrailStreak StreakOf(string guardrail) => Streaks.GetValueOrDefault(guardrail, GuardrailStreak.None);

    /// <summary>
    /// Whether traffic of <paramref name="segment"/> is served off: some excluded segment's labels are all among its labels
    /// (an exclusion of <c>plan=free</c> covers <c>plan=free,region=eu</c>).
    /// </summary>
    public bool IsExcluded(Analysis.Segments.Segment segment) =>
        !segment.IsAll && ExcludedSegments.Any(e => e.Segment.Labels.All(segment.Labels.Contains));

    public static RolloutState New(string flagKey, string policyName, string? revision, DateTimeOffset now) =>
        new() { FlagKey = flagKey, PolicyName = policyName, PolicyRevision = revision, UpdatedAt = now };
}
