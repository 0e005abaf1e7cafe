using RolloutController.Policies;

namespace RolloutController.Lifecycle;

/// <summary>A flag whose lifecycle is assessed, with what its reminders need: its owner's metadata and its policy's routes.</summary>
/// <param name="StageCount">The policy's stages; 0 for a flag no policy drives.</param>
/// <param name="Notify">The policy's <c>notify</c> routes; empty for a flag no policy drives.</param>
internal sealed record LifecycleSubject(
    string FlagKey, PolicyMetadata Metadata, int StageCount, IReadOnlyList<string> Notify, LifecycleAssessment Assessment);
