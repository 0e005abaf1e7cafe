namespace RolloutController.Api;

/// <summary>
/// What a caller asks the API to do. The role each needs is <see cref="ApiPolicies.RoleFor"/>; documented as a table in
/// docs/governance.md.
/// </summary>
internal enum ApiAction
{
    /// <summary>Any <c>GET /api/v1/...</c> (open unless <c>RequireTokenForReads</c>).</summary>
    Read,

    Pause,
    Resume,
    Abort,

    /// <summary>Turning a flag off for everyone at once, outside its ramp.</summary>
    KillSwitch,

    /// <summary>Making abandoned notices pending again.</summary>
    RetryNotices,

    Promote,
    Approve,

    /// <summary>Putting an excluded segment back into a rollout.</summary>
    Include,

    /// <summary>Taking a segment out of a rollout.</summary>
    Exclude,

    /// <summary>Letting one policy's rollout advance through the controller-wide freezes (with a reason).</summary>
    OverrideFreeze,

    /// <summary>Adopting a change made by hand on a flag's platform as what the rollout serves (with a reason).</summary>
    Adopt,

    /// <summary>Starting a rollout scheduled for later, now.</summary>
    StartScheduled,

    /// <summary>Recording a lifecycle review's verdict (delete, extend, promote to ops).</summary>
    ReviewDecide,

    /// <summary>Reading or exporting the audit log and verifying its chain.</summary>
    AuditRead,

    /// <summary>Configuration-level actions: controller-wide settings.</summary>
    Configure,
}
