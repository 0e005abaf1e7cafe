namespace RolloutController.Policies;

/// <summary>Outcome of loading a set of policy files, in the order the files were given.</summary>
internal sealed record PolicyLoadResult(IReadOnlyList<PolicyFileResult> Files)
{
    public bool IsValid => Files.All(f => f.IsValid);

    /// <summary>Policies of the valid files.</summary>
    public IReadOnlyList<RolloutPolicy> Policies => Files.SelectMany(f => f.Policies).ToList();

    public IReadOnlyList<PolicyDiagnostic> Diagnostics => Files.SelectMany(f => f.Diagnostics).ToList();

    /// <summary>Flag documents of the valid files.</summary>
    public IReadOnlyList<Flags.FlagDefinition> Flags => Files.SelectMany(f => f.Flags ?? []).ToList();

    /// <summary>Segment documents of the valid files.</summary>
    public IReadOnlyList<Flags.SegmentDefinition> Segments => Files.SelectMany(f => f.Segments ?? []).ToList();

    /// <summary>Problems that leave their files valid (a segment no flag uses).</summary>
    public IReadOnlyList<PolicyDiagnostic> Warnings => Files.SelectMany(f => f.Warnings ?? []).ToList();
}
