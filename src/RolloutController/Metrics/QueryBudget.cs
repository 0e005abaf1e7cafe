namespace RolloutController.Metrics;

/// <summary>
/// How long one query may take, every attempt and every wait between attempts together. A guardrail query gets a share
/// of its policy's interval (<see cref="IntervalShare"/>), so a round that meets a failing backend is over before the next
/// round is due: the error limit then pauses a rollout <c>consecutiveErrorLimit × interval</c> after the backend fails
/// (plus at most one attempt), however many retries are configured.
/// </summary>
/// <param name="Total">The whole budget; positive.</param>
internal readonly record struct QueryBudget(TimeSpan Total)
{
    /// <summary>The share of the guardrail interval one query may take: half.</summary>
    public const double IntervalShare = 0.5;

    /// <summary>The budget of a query of a guardrail measured every <paramref name="interval"/>.</summary>
    public static QueryBudget ForInterval(TimeSpan interval) => new(interval * IntervalShare);
}
