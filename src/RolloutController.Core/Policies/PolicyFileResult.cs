namespace RolloutController.Policies;

/// <summary>
/// Outcome for one file. A file is the unit of change: it is valid only when every document in it is, and only then
/// are its policies listed.
/// </summary>
/// <param name="Flags">The file's <c>kind: Flag</c> documents, when the file is valid.</param>
/// <param name="Segments">The file's <c>kind: Segment</c> documents, when the file is valid.</param>
/// <param name="Warnings">Problems that do not make the file invalid (a segment no flag uses).</param>
internal sealed record PolicyFileResult(
    string File,
    IReadOnlyList<RolloutPolicy> Policies,
    IReadOnlyList<PolicyDiagnostic> Diagnostics,
    IReadOnlyList<Flags.FlagDefinition>? Flags = null,
    IReadOnlyList<Flags.SegmentDefinition>? Segments = null,
    IReadOnlyList<PolicyDiagnostic>? Warnings = null)
{
    public bool IsValid => Diagnostics.Count == 0;
}
