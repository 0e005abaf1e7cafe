namespace RolloutController.Policies;

/// <summary>One step of the ramp.</summary>
/// <param name="Weight">Percentage of targeting keys served "on", 0–100 with up to three decimals.</param>
/// <param name="Hold">How long the stage is observed before it may advance.</param>
internal sealed record StageSpec(decimal Weight, TimeSpan Hold);
