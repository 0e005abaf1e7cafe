namespace RolloutController.Metrics.Prometheus;

/// <summary>Values of the <c>reason</c> tag on <c>rollout_controller_prometheus_query_errors_total</c>.</summary>
internal static class PrometheusErrorReason
{
    /// <summary>No answer within the per-attempt timeout.</summary>
    public const string Timeout = "timeout";

    /// <summary>Connection refused, DNS failure, reset connection.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>HTTP 5xx from Prometheus or a proxy in front of it.</summary>
    public const string Http5xx = "http_5xx";

    /// <summary>HTTP 429 Too Many Requests.</summary>
    public const string Throttled = "http_429";

    /// <summary>Prometheus rejected the query (errorType bad_data: invalid PromQL or parameters).</summary>
    public const string BadQuery = "bad_query";

    /// <summary>Prometheus could not execute the query (HTTP 422, errorType execution).</summary>
    public const string Execution = "execution";

    /// <summary>Any other 4xx (authentication, wrong path).</summary>
    public const string Http4xx = "http_4xx";

    /// <summary>The body was not the JSON envelope Prometheus documents.</summary>
    public const string Malformed = "malformed";

    /// <summary>A well-formed result of a type a guardrail cannot use (range vector, string, native histogram).</summary>
    public const string UnsupportedResult = "unsupported_result";
}
