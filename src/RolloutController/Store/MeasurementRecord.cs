using RolloutController.Analysis;

namespace RolloutController.Store;

/// <summary>A measurement as stored: which rollout, at which stage and weight it was taken.</summary>
internal sealed record MeasurementRecord(string FlagKey, int StageIndex, decimal Weight, Measurement Measurement);
