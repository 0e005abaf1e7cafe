namespace RolloutController.Scheduling;

/// <summary>How this replica runs measurement rounds. Bound from <c>RolloutController:Rounds</c>.</summary>
internal sealed class RoundOptions
{
    public const string SectionName = "RolloutController:Rounds";

    /// <summary>
    /// Rounds in progress at once on this replica. A round waiting for Prometheus holds a slot but no thread; what it waits
    /// for is bounded by <c>Prometheus:MaxConcurrentQueries</c>. Many rounds wait on one batched query at a time (each
    /// window's rounds share it), so this must cover the rounds due during one query's latency: rounds per second × query
    /// latency. Default 512; 1 to 4,096.
    /// </summary>
    public int MaxConcurrent { get; set; } = 512;

    /// <summary>How often this replica checks every live rollout for a round more than one interval late. Default 5 seconds.</summary>
    public TimeSpan LatenessCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public const int MaxMaxConcurrent = 4096;
}
