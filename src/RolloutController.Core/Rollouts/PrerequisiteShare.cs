namespace RolloutController.Rollouts;

/// <summary>
/// How much of its traffic an infra prerequisite of the rollout's flag serves the variant the flag needs right now.
/// </summary>
/// <param name="Flag">The prerequisite's key.</param>
/// <param name="Weight">Percentage of targeting keys its fallthrough serves the needed variant (0–100, three decimals).</param>
internal sealed record PrerequisiteShare(string Flag, decimal Weight);
