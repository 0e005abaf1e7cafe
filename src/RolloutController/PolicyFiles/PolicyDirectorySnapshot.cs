using RolloutController.Policies;
namespace RolloutController.PolicyFiles;

/// <summary>The policy files found under a path at one moment.</summary>
/// <param name="Root">The directory or file as given.</param>
/// <param name="Exists">False when the path was not found; then nothing else is meaningful.</param>
/// <param name="Files">Every readable <c>*.yaml</c>/<c>*.yml</c>, ordered by path.</param>
/// <param name="ReadErrors">Files that exist but could not be read (or, when not <paramref name="Complete"/>, why the
/// directory could not be listed).</param>
/// <param name="Complete">False when the directory could not be listed completely: a file missing from
/// <paramref name="Files"/> may still be there, so nothing may be taken as deleted.</param>
internal sealed record PolicyDirectorySnapshot(
    string Root,
    bool Exists,
    IReadOnlyList<PolicySourceFile> Files,
    IReadOnlyList<PolicyDiagnostic> ReadErrors,
    bool Complete = true);
