namespace RolloutController.Scheduling;

/// <summary>How this replica runs measurement rounds. Bound from <c>RolloutController:Rounds</c>.</summary>
internal sealed class RoundOptions
{
    public const string SectionName = "RolloutController:Rounds";

    /// <summary>
    /// Rounds in progress at once on this replica. A round waiting for Prometheus holds a slot but no thread; what it waits
    /// for is bounded by <c>Prometheus:MaxConcurrentQueries</c>. Default 64; 1 to 4,096.
    /// </summary>
    public int MaxConcurrent { get; set; } = 64;

    /// <summary>How often this replica checks every live rollout for a round more than one interval late. Default 5 seconds.</summary>
    public TimeSpan LatenessCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public const int MaxMaxConcurrent = 4096;
}
