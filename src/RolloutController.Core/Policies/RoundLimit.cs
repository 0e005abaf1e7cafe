namespace RolloutController.Policies;

/// <summary>Consecutive measurement rounds of one kind (errors, inconclusive) after which <see cref="Action"/> is taken.</summary>
/// <param name="Rounds">At least 1.</param>
/// <param name="Action">What happens when the count reaches <paramref name="Rounds"/>.</param>
internal sealed record RoundLimit(int Rounds, LimitAction Action);
