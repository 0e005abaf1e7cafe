namespace RolloutController.Metrics.Prometheus;

/// <summary>Where and how the controller queries Prometheus. Bound from <c>RolloutController:Prometheus</c>.</summary>
internal sealed class PrometheusOptions
{
    public const string SectionName = "RolloutController:Prometheus";

    /// <summary>Base URL of the Prometheus HTTP API (absolute http/https; a path prefix is kept). Default <c>http://localhost:9090</c>.</summary>
    public string Url { get; set; } = "http://localhost:9090";

    /// <summary>Base URL people open from notifications (graph links). Defaults to <see cref="Url"/> when empty.</summary>
    public string? ExternalUrl { get; set; }

    /// <summary>
    /// Timeout of one HTTP attempt, also sent to Prometheus as its query timeout; shorter when less is left of the query's
    /// budget (half the guardrail interval, <see cref="QueryBudget"/>). Default 10 seconds.
    /// </summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Most retries after the first attempt, for transient failures only (unreachable, timeout, 5xx, 429), as far as the
    /// query's budget allows. Default 2.
    /// </summary>
    public int Retries { get; set; } = 2;

    /// <summary>
    /// Delay before the first retry; doubles for each further retry, less up to a quarter of jitter, and is cut short to
    /// fit the query's budget. Default 1 second.
    /// </summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Queries in flight to Prometheus at once from this replica; further queries wait for a free slot (retry backoff does
    /// not hold one). This, with the query latency, sets how many rollouts a replica can measure per interval. Default 16,
    /// under Prometheus's own <c>--query.max-concurrency</c> default of 20; 1 to 1,024.
    /// </summary>
    public int MaxConcurrentQueries { get; set; } = 16;

    public const int MaxMaxConcurrentQueries = 1024;

    /// <summary>
    /// How long one batched query serves every rollout whose guardrail query differs only in the flag key (see
    /// docs/policies.md, "Batched queries"); at most half a rollout's interval. A round then reads data up to this old.
    /// Default 10 seconds; <c>00:00:00</c> turns batching off (every rollout queries on its own); at most 5 minutes.
    /// </summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan MaxBatchWindow = TimeSpan.FromMinutes(5);

    /// <summary>Optional bearer token sent as <c>Authorization: Bearer ...</c>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>Optional extra request headers (for example a tenant header of a Prometheus-compatible backend).</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The API base as a URI ending in '/', so relative paths keep any path prefix.</summary>
    public Uri ApiBase => WithTrailingSlash(Url);

    /// <summary>The base for links people open: <see cref="ExternalUrl"/> or else <see cref="Url"/>.</summary>
    public Uri ExternalBase => WithTrailingSlash(string.IsNullOrWhiteSpace(ExternalUrl) ? Url : ExternalUrl);

    private static Uri WithTrailingSlash(string url) => new(url.EndsWith('/') ? url : url + "/", UriKind.Absolute);
}
