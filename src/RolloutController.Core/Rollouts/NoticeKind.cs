namespace RolloutController.Rollouts;

/// <summary>What a notification is about.</summary>
internal enum NoticeKind
{
    Started,
    Advanced,
    Completed,
    RolledBack,
    Paused,
    Resumed,
    Aborted,
    Restarted,

    /// <summary>A segment was excluded from the rollout by a per-segment guardrail.</summary>
    SegmentExcluded,

    /// <summary>A person included an excluded segment again: it gets the ramp's share from now.</summary>
    SegmentIncluded,

    /// <summary>A round limit with action notify was reached (errors or inconclusive verdicts for too long).</summary>
    Warning,

    /// <summary>A safety move (rollback, abort, pause) is served but the store has not taken it for longer than an interval.</summary>
    NotStored,

    /// <summary>A move to 0% (rollback, kill switch) the flag's platform has not taken: it is retried until it is.</summary>
    RollbackNotApplied,

    /// <summary>A move to 0% the platform had not taken is applied now (after <see cref="RollbackNotApplied"/>).</summary>
    RollbackApplied,

    /// <summary>Several info notices of one route batched into one, once per digest period (<see cref="DigestRule"/>).</summary>
    Digest,

    /// <summary>A person switched the flag off (kill switch): every context is served its default variant.</summary>
    SwitchedOff,

    /// <summary>A person switched the flag back on: it serves what it served before it was switched off.</summary>
    SwitchedOn,

    /// <summary>A stage is ready to leave but for its approvals: its approvers are asked, with the evidence and the command.</summary>
    ApprovalNeeded,

    /// <summary>A flag's review date has come (once, then weekly while overdue): <see cref="Lifecycle.ReviewReminders"/>.</summary>
    ReviewDue,

    /// <summary>A flag has served 100% past its lifetime: remove it from code (once, then weekly).</summary>
    RemoveFromCode,

    /// <summary>A person adopted a change made by hand on the flag's platform: the rollout serves it and goes on from there.</summary>
    DriftAdopted,
}
