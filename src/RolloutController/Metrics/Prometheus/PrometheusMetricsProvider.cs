using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RolloutController.Analysis;
using RolloutController.Telemetry;

namespace RolloutController.Metrics.Prometheus;

/// <summary>
/// Evaluates instant queries with Prometheus's <c>POST /api/v1/query</c>. Each attempt has its own timeout; transient
/// failures (unreachable, timeout, 5xx, 429) are retried with exponential backoff, everything else is reported at once.
/// Backend failures come back as <see cref="QueryOutcomeKind.Error"/> outcomes, never as exceptions.
/// </summary>
internal sealed class PrometheusMetricsProvider : IMetricsProvider
{
    private readonly HttpClient httpClient;
    private readonly ControllerMetrics metrics;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<PrometheusMetricsProvider> logger;
    private readonly PrometheusOptions _options;

    private readonly PrometheusQuerySlots _slots;

    public PrometheusMetricsProvider(
        HttpClient httpClient,
        IOptions<PrometheusOptions> options,
        PrometheusQuerySlots slots,
        ControllerMetrics metrics,
        TimeProvider timeProvider,
        ILogger<PrometheusMetricsProvider> logger)
    {
        this.httpClient = httpClient;
        this.metrics = metrics;
        this.timeProvider = timeProvider;
        this.logger = logger;
        _options = options.Value;
        _slots = slots;
    }

    public async Task<QueryOutcome> QueryScalarAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var (vector, record) = await QueryAsync(query, at, cancellationToken);
        var outcome = vector.ToScalar();
        record(OutcomeTag(outcome.Kind));
        return outcome;
    }

    public async Task<VectorOutcome> QueryVectorAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var (vector, record) = await QueryAsync(query, at, cancellationToken);
        record(OutcomeTag(vector.Kind));
        return vector;
    }

    /// <summary>Runs the query with retries; the caller records the duration under the outcome tag of the form it returns.</summary>
    private async Task<(VectorOutcome Vector, Action<string> Record)> QueryAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var started = timeProvider.GetTimestamp();
        var attempts = 0;
        PrometheusAttempt attempt;
        while (true)
        {
            attempts++;
            await _slots.WaitAsync(cancellationToken);
            try
            {
                attempt = await AttemptAsync(query, at, cancellationToken);
            }
            finally
            {
                _slots.Release();
            }
            if (!attempt.Transient || attempts > _options.Retries) break;
            var delay = BackoffDelay(_options.RetryDelay, attempts);
            PrometheusLog.Retrying(logger, attempts, attempt.Vector.Detail, delay);
            await Task.Delay(delay, timeProvider, cancellationToken);
        }

        var vector = attempt.ErrorReason is not null && attempts > 1
            ? VectorOutcome.Failed($"{attempt.Vector.Detail} (after {attempts} attempts)")
            : attempt.Vector;
        var elapsed = timeProvider.GetElapsedTime(started);
        return (vector, outcomeTag =>
        {
            metrics.QueryDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcomeTag));
            if (attempt.ErrorReason is { } reason)
            {
                metrics.QueryErrors.Add(1, new KeyValuePair<string, object?>("reason", reason));
                PrometheusLog.QueryFailed(logger, query, reason, vector.Detail);
            }
        });
    }

    /// <summary>Delay before retry number <paramref name="retry"/> (1-based): base, 2×base, 4×base, ...</summary>
    internal static TimeSpan BackoffDelay(TimeSpan baseDelay, int retry) =>
        baseDelay * Math.Pow(2, Math.Min(retry - 1, 16));

    /// <summary>Formats a duration the way people write it in configuration: 10s, 500ms, 2m.</summary>
    internal static string FormatDuration(TimeSpan duration) =>
        duration.TotalMilliseconds < 1000 ? $"{duration.TotalMilliseconds:0.###}ms"
        : duration.TotalSeconds < 120 || duration.TotalSeconds % 60 != 0 ? $"{duration.TotalSeconds:0.###}s"
        : $"{duration.TotalMinutes:0.###}m";

    private async Task<PrometheusAttempt> AttemptAsync(string query, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(_options.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = BuildRequest(query, at);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            return PrometheusResponseParser.Parse(response.StatusCode, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PrometheusAttempt.Failed(PrometheusErrorReason.Timeout,
                $"Prometheus query timed out after {FormatDuration(_options.Timeout)}", transient: true);
        }
        catch (HttpRequestException e)
        {
            return PrometheusAttempt.Failed(PrometheusErrorReason.Unreachable,
                $"cannot reach Prometheus at {_options.ApiBase}: {Describe(e)}", transient: true);
        }
    }

    private HttpRequestMessage BuildRequest(string query, DateTimeOffset? at)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("query", query),
            // Lets Prometheus abandon the evaluation when we stop waiting for it.
            new("timeout", _options.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
        };
        if (at is { } time)
            form.Add(new("time", (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture)));
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.ApiBase, "api/v1/query"))
        {
            Content = new FormUrlEncodedContent(form),
        };
        if (_options.BearerToken is { } token)
            request.Headers.Authorization = new("Bearer", token);
        foreach (var (name, value) in _options.Headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }

    private static string Describe(HttpRequestException e)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is SocketException socket)
                return socket.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "connection refused",
                    SocketError.HostNotFound or SocketError.NoData => "host not found",
                    SocketError.ConnectionReset => "connection reset",
                    SocketError.TimedOut => "connection timed out",
                    _ => socket.Message,
                };
        }
        return e.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => $"connection error ({e.Message})",
            HttpRequestError.NameResolutionError => "host not found",
            HttpRequestError.ResponseEnded => "connection closed before a response",
            _ => e.Message,
        };
    }

    private static string OutcomeTag(QueryOutcomeKind kind) => kind switch
    {
        QueryOutcomeKind.Value => "value",
        QueryOutcomeKind.Empty => "empty",
        QueryOutcomeKind.NotFinite => "not_finite",
        QueryOutcomeKind.MultipleSeries => "multiple_series",
        QueryOutcomeKind.Error => "error",
        _ => throw new UnreachableException(),
    };
}
