using RolloutController.Analysis;
using RolloutController.Calendar;
using RolloutController.Policies;

namespace RolloutController.Rollouts;

/// <summary>What the advancement gate is judged on: the policy, the rollout as measured, the round's measurements and the time.</summary>
/// <param name="State">The rollout after the round's bookkeeping (streaks, round counts), before any move.</param>
/// <param name="Measurements">This round's measurements only; an older round never opens a gate.</param>
/// <param name="Prerequisites">What the flag's infra prerequisites serve now (app flags only); null or empty: none.</param>
/// <param name="Freezes">The controller-wide freeze calendar; null or empty: none.</param>
internal sealed record RoundEvidence(
    RolloutPolicy Policy,
    RolloutState State,
    IReadOnlyList<Measurement> Measurements,
    DateTimeOffset Now,
    IReadOnlyList<PrerequisiteShare>? Prerequisites = null,
    IReadOnlyList<FreezePeriod>? Freezes = null);
