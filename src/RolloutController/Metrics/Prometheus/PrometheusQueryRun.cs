namespace RolloutController.Metrics.Prometheus;

/// <summary>One query as its attempts go: what it asks, its budget, and what the retry pipeline needs between attempts.</summary>
internal sealed class PrometheusQueryRun(string query, DateTimeOffset? at, QueryBudget budget, CancellationToken cancellationToken)
{
    private long? _firstAttemptStarted;

    public string Query { get; } = query;

    public DateTimeOffset? At { get; } = at;

    /// <summary>The caller's token: cancellation by the caller is never an outcome.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public int Attempts { get; private set; }

    /// <summary>The wait before the next retry, chosen when the failed attempt was judged.</summary>
    public TimeSpan NextDelay { get; set; }

    /// <summary>Counts an attempt about to be sent; the budget runs from the first one (after it got a query slot).</summary>
    public void Starting(TimeProvider time)
    {
        Attempts++;
        _firstAttemptStarted ??= time.GetTimestamp();
    }

    /// <summary>What is left of the budget.</summary>
    public TimeSpan Remaining(TimeProvider time) =>
        _firstAttemptStarted is { } started ? budget.Total - time.GetElapsedTime(started) : budget.Total;
}
