using RolloutController.Api;
using RolloutController.Policies;
using RolloutController.Store;

namespace RolloutController.Dashboard;

/// <summary>Everything the rollout page shows: the API's view of the rollout, its policy and its stored measurements.</summary>
internal sealed record RolloutPageModel(RolloutDetail Detail, RolloutPolicy Policy, IReadOnlyList<MeasurementRecord> Measurements);
