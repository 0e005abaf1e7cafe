using RolloutController.Policies;

namespace RolloutController.Flags;

/// <summary>What a flag serves when no rule matched.</summary>
/// <param name="Variant">The variant of <see cref="FallthroughKind.Variant"/>, or the one the rollout's share gets.</param>
/// <param name="Otherwise">For <see cref="FallthroughKind.Rollout"/>: the variant outside the share (default: the default variant).</param>
/// <param name="Split">For <see cref="FallthroughKind.Split"/>: the shares, in order, their weights adding up to 100.</param>
/// <param name="At">Where it was written, for cross-document problems (a rollout no policy drives).</param>
internal sealed record Fallthrough(FallthroughKind Kind, int Variant, int Otherwise, SplitShare[] Split, Located? At = null)
{
    public static Fallthrough One(int variant) => new(FallthroughKind.Variant, variant, variant, []);
}
