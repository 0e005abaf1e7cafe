namespace RolloutController.Rollouts;

/// <summary>One condition of the advancement gate: a guard of the state machine, and in words why it is not met.</summary>
/// <param name="Description">The guard's description, as shown in the phase diagram and returned for an unmet guard.</param>
/// <param name="Met">The guard itself.</param>
/// <param name="WhyNot">What keeps it unmet right now, for people (e.g. <c>hold 3h12m left</c>); empty when met.</param>
internal sealed record GateCondition(string Description, Func<RoundEvidence, bool> Met, Func<RoundEvidence, IEnumerable<string>> WhyNot);
