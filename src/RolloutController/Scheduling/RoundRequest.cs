namespace RolloutController.Scheduling;

/// <summary>A round of <paramref name="FlagKey"/> that was due at <paramref name="DueAt"/> (the trigger's scheduled fire time).</summary>
internal readonly record struct RoundRequest(string FlagKey, DateTimeOffset DueAt);
