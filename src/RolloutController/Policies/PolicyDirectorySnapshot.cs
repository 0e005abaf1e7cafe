namespace RolloutController.Policies;

/// <summary>The policy files found under a path at one moment.</summary>
/// <param name="Root">The directory or file as given.</param>
/// <param name="Exists">False when the path was not found; then nothing else is meaningful.</param>
/// <param name="Files">Every readable <c>*.yaml</c>/<c>*.yml</c>, ordered by path.</param>
/// <param name="ReadErrors">Files that exist but could not be read.</param>
internal sealed record PolicyDirectorySnapshot(
    string Root,
    bool Exists,
    IReadOnlyList<PolicySourceFile> Files,
    IReadOnlyList<PolicyDiagnostic> ReadErrors);
