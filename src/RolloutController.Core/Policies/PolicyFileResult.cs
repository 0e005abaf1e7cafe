namespace RolloutController.Policies;

/// <summary>
/// Outcome for one file. A file is the unit of change: it is valid only when every document in it is, and only then
/// are its policies listed.
/// </summary>
internal sealed record PolicyFileResult(string File, IReadOnlyList<RolloutPolicy> Policies, IReadOnlyList<PolicyDiagnostic> Diagnostics)
{
    public bool IsValid => Diagnostics.Count == 0;
}
