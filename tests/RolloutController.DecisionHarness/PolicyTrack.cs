using RolloutController.Policies;

namespace RolloutController.DecisionHarness;

/// <summary>One policy every scenario is run under: its short name for the report, its YAML text and the loaded policy.</summary>
internal sealed record PolicyTrack(string Name, string Yaml, RolloutPolicy Policy);
