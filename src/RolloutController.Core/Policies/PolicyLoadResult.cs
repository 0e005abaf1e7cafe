namespace RolloutController.Policies;

/// <summary>Outcome of loading a set of policy files, in the order the files were given.</summary>
internal sealed record PolicyLoadResult(IReadOnlyList<PolicyFileResult> Files)
{
    public bool IsValid => Files.All(f => f.IsValid);

    /// <summary>Policies of the valid files.</summary>
    public IReadOnlyList<RolloutPolicy> Policies => Files.SelectMany(f => f.Policies).ToList();

    public IReadOnlyList<PolicyDiagnostic> Diagnostics => Files.SelectMany(f => f.Diagnostics).ToList();
}
