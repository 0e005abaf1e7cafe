using RolloutController.Policies;
namespace RolloutController.PolicyFiles;

/// <summary>What one reload of the policy directory did.</summary>
/// <param name="Valid">Every file was valid (and the directory was found).</param>
/// <param name="Changed">The set of policies in force changed (added, removed, or a new revision).</param>
/// <param name="Policies">Policies in force after the reload.</param>
/// <param name="InvalidFiles">Files whose errors are kept (their previous valid version, if any, stays in force).</param>
internal sealed record PolicyReloadResult(bool Valid, bool Changed, int Policies, int InvalidFiles);
