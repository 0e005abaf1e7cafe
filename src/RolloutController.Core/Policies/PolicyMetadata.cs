namespace RolloutController.Policies;

/// <summary>Ownership and lifecycle of the flag a policy rolls out.</summary>
/// <param name="Name">Unique policy name (metadata.name).</param>
/// <param name="Owner">Team or person accountable for the flag.</param>
/// <param name="Type">release, experiment, ops or permission.</param>
/// <param name="Reason">The business reason for the change.</param>
/// <param name="Removal">Required for release and experiment flags.</param>
internal sealed record PolicyMetadata(string Name, string Owner, FlagType Type, string Reason, RemovalSpec? Removal)
{
    /// <summary>Absolute http(s) URL of what on-call does when this rollout pages (metadata.runbook); null when none is given.</summary>
    public string? Runbook { get; init; }
}
