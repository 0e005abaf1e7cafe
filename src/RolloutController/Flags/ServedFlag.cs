using RolloutController.Policies;
using RolloutController.Rollouts;

namespace RolloutController.Flags;

/// <summary>What the controller serves for one flag right now.</summary>
/// <param name="Weight">Percentage of targeting keys served true (0–100, three decimals).</param>
internal sealed record ServedFlag(string Key, decimal Weight, RolloutPhase Phase, int StageIndex, string PolicyName, FlagType Type);
