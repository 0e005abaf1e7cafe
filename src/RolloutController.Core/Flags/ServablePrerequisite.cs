namespace RolloutController.Flags;

/// <summary>A prerequisite resolved to the flag it names and the index of the variant it must serve.</summary>
internal sealed record ServablePrerequisite(ServableFlag Flag, int Variant);
