using RolloutController.Policies;

namespace RolloutController.Flags;

/// <summary>The flag is served only where <see cref="Flag"/> serves <see cref="Variant"/>; elsewhere its default variant.</summary>
/// <param name="FlagAt">Where the prerequisite flag was named, for cross-document problems (unknown flag, cycle).</param>
/// <param name="VariantAt">Where the variant was named (unknown variant).</param>
internal sealed record FlagPrerequisite(string Flag, string Variant, Located FlagAt, Located VariantAt);
