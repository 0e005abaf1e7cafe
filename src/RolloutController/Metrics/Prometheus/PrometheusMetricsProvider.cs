using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using RolloutController.Analysis;
using RolloutController.Telemetry;

namespace RolloutController.Metrics.Prometheus;

/// <summary>
/// Evaluates instant queries with Prometheus's <c>POST /api/v1/query</c>, through two Polly pipelines on the injected
/// clock: a retry pipeline that retries transient failures (unreachable, timeout, 5xx, 429) with jittered exponential
/// backoff within the query's <see cref="QueryBudget"/> (<see cref="PrometheusRetryBudget"/>), and a per-attempt timeout.
/// Everything else is reported at once. Backend failures come back as <see cref="QueryOutcomeKind.Error"/> outcomes,
/// never as exceptions.
/// </summary>
internal sealed class PrometheusMetricsProvider : IMetricsProvider
{
    private static readonly ResiliencePropertyKey<PrometheusQueryRun> RunKey = new("rollout-controller.prometheus-query");
    private static readonly ResiliencePropertyKey<TimeSpan> AttemptTimeoutKey = new("rollout-controller.prometheus-attempt-timeout");

    private readonly HttpClient _httpClient;
    private readonly ControllerMetrics _metrics;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<PrometheusMetricsProvider> _logger;
    private readonly PrometheusOptions _options;
    private readonly PrometheusQuerySlots _slots;
    private readonly ResiliencePipeline<PrometheusAttempt> _retries;
    private readonly ResiliencePipeline _attemptTimeout;

    public PrometheusMetricsProvider(
        HttpClient httpClient,
        IOptions<PrometheusOptions> options,
        PrometheusQuerySlots slots,
        ControllerMetrics metrics,
        TimeProvider timeProvider,
        ILogger<PrometheusMetricsProvider> logger)
    {
        _httpClient = httpClient;
        _metrics = metrics;
        _timeProvider = timeProvider;
        _logger = logger;
        _options = options.Value;
        _slots = slots;
        _retries = BuildRetries();
        _attemptTimeout = new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(args.Context.Properties.GetValue(AttemptTimeoutKey, _options.Timeout)),
            })
            .Build();
    }

    public async Task<QueryOutcome> QueryScalarAsync(string query, DateTimeOffset? at, QueryBudget budget, CancellationToken cancellationToken)
    {
        var (vector, record) = await QueryAsync(query, at, budget, cancellationToken);
        var outcome = vector.ToScalar();
        record(OutcomeTag(outcome.Kind));
        return outcome;
    }

    public async Task<VectorOutcome> QueryVectorAsync(string query, DateTimeOffset? at, QueryBudget budget, CancellationToken cancellationToken)
    {
        var (vector, record) = await QueryAsync(query, at, budget, cancellationToken);
        record(OutcomeTag(vector.Kind));
        return vector;
    }

    /// <summary>Formats a duration the way people write it in configuration: 10s, 500ms, 2m.</summary>
    internal static string FormatDuration(TimeSpan duration) =>
        duration.TotalMilliseconds < 1000 ? $"{duration.TotalMilliseconds:0.###}ms"
        : duration.TotalSeconds < 120 || duration.TotalSeconds % 60 != 0 ? $"{duration.TotalSeconds:0.###}s"
        : $"{duration.TotalMinutes:0.###}m";

    private ResiliencePipeline<PrometheusAttempt> BuildRetries()
    {
        var builder = new ResiliencePipelineBuilder<PrometheusAttempt> { TimeProvider = _timeProvider };
        // Polly takes at least one retry; with Retries = 0 the pipeline makes the one attempt.
        if (_options.Retries > 0)
            builder.AddRetry(new RetryStrategyOptions<PrometheusAttempt>
            {
                MaxRetryAttempts = _options.Retries,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, args.AttemptNumber + 1)),
                // The wait was chosen with the decision to retry, so that it fits the budget.
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(args.Context.Properties.GetValue(RunKey, null!).NextDelay),
                OnRetry = args =>
                {
                    PrometheusLog.Retrying(_logger, args.AttemptNumber + 1, args.Outcome.Result?.Vector.Detail, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            });
        return builder.Build();
    }

    /// <summary>Retry <paramref name="retry"/> (1-based) is made for a transient failure when its wait and a short attempt fit the budget.</summary>
    private bool ShouldRetry(Outcome<PrometheusAttempt> outcome, ResilienceContext context, int retry)
    {
        if (outcome.Result is not { Transient: true }) return false;
        var run = context.Properties.GetValue(RunKey, null!);
        var delay = PrometheusRetryBudget.DelayBeforeRetry(_options.RetryDelay, retry, Random.Shared.NextDouble(), run.Remaining(_timeProvider));
        if (delay is null) return false;
        run.NextDelay = delay.Value;
        return true;
    }

    /// <summary>Runs the query with retries; the caller records the duration under the outcome tag of the form it returns.</summary>
    private async Task<(VectorOutcome Vector, Action<string> Record)> QueryAsync(string query, DateTimeOffset? at, QueryBudget budget, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        var started = _timeProvider.GetTimestamp();
        var run = new PrometheusQueryRun(query, at, budget, cancellationToken);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        PrometheusAttempt attempt;
        try
        {
            context.Properties.Set(RunKey, run);
            var outcome = await _retries.ExecuteOutcomeAsync(static async (_, state) => Outcome.FromResult(await state.Provider.AttemptAsync(state.Run)),
                context, (Provider: this, Run: run));
            outcome.ThrowIfException();
            attempt = outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        var vector = attempt.ErrorReason is not null && run.Attempts > 1
            ? VectorOutcome.Failed($"{attempt.Vector.Detail} (after {run.Attempts} attempts)")
            : attempt.Vector;
        var elapsed = _timeProvider.GetElapsedTime(started);
        return (vector, outcomeTag =>
        {
            _metrics.QueryDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcomeTag));
            if (attempt.ErrorReason is { } reason)
            {
                _metrics.QueryErrors.Add(1, new KeyValuePair<string, object?>("reason", reason));
                PrometheusLog.QueryFailed(_logger, query, reason, vector.Detail);
            }
        });
    }

    /// <summary>One attempt: waits for a query slot (not timed: under load that is queueing, not a slow Prometheus), then sends.</summary>
    private async Task<PrometheusAttempt> AttemptAsync(PrometheusQueryRun run)
    {
        await _slots.WaitAsync(run.CancellationToken);
        var context = ResilienceContextPool.Shared.Get(run.CancellationToken);
        try
        {
            run.Starting(_timeProvider);
            var timeout = PrometheusRetryBudget.AttemptTimeout(_options.Timeout, run.Remaining(_timeProvider));
            context.Properties.Set(AttemptTimeoutKey, timeout);
            var outcome = await _attemptTimeout.ExecuteOutcomeAsync(static async (ctx, state) =>
            {
                try
                {
                    return Outcome.FromResult(await state.Provider.SendAsync(state.Run, state.Timeout, ctx.CancellationToken));
                }
                catch (Exception e)
                {
                    return Outcome.FromException<PrometheusAttempt>(e);
                }
            }, context, (Provider: this, Run: run, Timeout: timeout));
            // Anything else is the caller's cancellation (or a bug): not an outcome.
            if (outcome.Exception is not (null or TimeoutRejectedException or HttpRequestException)) outcome.ThrowIfException();
            return outcome.Exception switch
            {
                TimeoutRejectedException => PrometheusAttempt.Failed(PrometheusErrorReason.Timeout,
                    $"Prometheus query timed out after {FormatDuration(timeout)}", transient: true),
                HttpRequestException e => PrometheusAttempt.Failed(PrometheusErrorReason.Unreachable,
                    $"cannot reach Prometheus at {_options.ApiBase}: {Describe(e)}", transient: true),
                _ => outcome.Result!,
            };
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
            _slots.Release();
        }
    }

    private async Task<PrometheusAttempt> SendAsync(PrometheusQueryRun run, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = BuildRequest(run.Query, run.At, timeout);
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        return PrometheusResponseParser.Parse(response.StatusCode, body);
    }

    private HttpRequestMessage BuildRequest(string query, DateTimeOffset? at, TimeSpan timeout)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("query", query),
            // Lets Prometheus abandon the evaluation when we stop waiting for it.
            new("timeout", timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)),
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
