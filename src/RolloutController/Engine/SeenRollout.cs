using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>
/// A rollout as a person sees it (<see cref="SeenRollouts"/>): <see cref="State"/> is what is served;
/// <see cref="NotStoredSince"/> is when a safety move in it was served while the store has not taken it yet (null when
/// what is shown is stored); <see cref="WatchedSince"/> is when this replica started watching the rollout, or null.
/// </summary>
internal sealed record SeenRollout(RolloutState State, DateTimeOffset? WatchedSince, DateTimeOffset? NotStoredSince);
