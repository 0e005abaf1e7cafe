using Microsoft.Extensions.Time.Testing;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RolloutController.Analysis;
using RolloutController.Metrics;
using RolloutController.Metrics.Prometheus;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Time;

namespace RolloutController.UnitTests.Metrics;

/// <summary>Retry and timeout timing on the injected clock: no real waiting.</summary>
public sealed class PrometheusMetricsProviderTests : IDisposable
{
    private const string SevenBody = """{"status":"success","data":{"resultType":"scalar","result":[1,"7"]}}""";

    /// <summary>The budget of a query of a guardrail measured every minute: 30 s, more than the retries here take.</summary>
    private static readonly QueryBudget Budget = QueryBudget.ForInterval(TimeSpan.FromMinutes(1));

    /// <summary>How late, in fake time, a continuation may be observed while the clock moves in 10 ms steps on a loaded machine.</summary>
    private static readonly TimeSpan Lag = TimeSpan.FromMilliseconds(200);

    private readonly ServiceProvider _services = new ServiceCollection().AddControllerTelemetry().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = TestClock.New();

    public void Dispose() => _services.Dispose();

    private PrometheusMetricsProvider Provider(ScriptedHttpHandler handler, int retries = 2, TimeSpan? retryDelay = null, TimeSpan? timeout = null)
    {
        var options = Options.Create(new PrometheusOptions
        {
            Retries = retries,
            RetryDelay = retryDelay ?? TimeSpan.FromSeconds(1),
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
        });
        var metrics = _services.GetRequiredService<ControllerMetrics>();
        return new(new HttpClient(handler), options, new PrometheusQuerySlots(options, metrics), metrics, _clock,
            NullLogger<PrometheusMetricsProvider>.Instance);
    }

    /// <summary>Moves the fake clock in small steps, letting continuations run, until the query is done.</summary>
    private async Task<QueryOutcome> RunAsync(Task<QueryOutcome> query, int stepMilliseconds = 100)
    {
        for (var step = 0; step < 100_000 / stepMilliseconds && !query.IsCompleted; step++)
        {
            await Task.Delay(5);
            _clock.Advance(TimeSpan.FromMilliseconds(stepMilliseconds));
        }
        query.IsCompleted.ShouldBeTrue("the query did not finish within 100 s of fake time");
        return await query;
    }

    private static Task<HttpResponseMessage> Respond(HttpStatusCode status, string body) =>
        Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body) });

    /// <summary>Never answers; ends only when the attempt is cancelled.</summary>
    private static async Task<HttpResponseMessage> HangAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new UnreachableException();
    }

    [Fact]
    public async Task Transient_failures_back_off_exponentially_on_the_injected_clock()
    {
        var handler = new ScriptedHttpHandler(_clock, (i, _) => Respond(HttpStatusCode.ServiceUnavailable, "down"));
        var start = _clock.GetUtcNow();

        var outcome = await RunAsync(Provider(handler).QueryScalarAsync("up", null, Budget, CancellationToken.None));

        outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        outcome.Detail.ShouldBe("HTTP 503 ServiceUnavailable: down (after 3 attempts)");
        var offsets = handler.Arrivals.Select(a => (a - start).TotalSeconds).ToList();
        offsets.Count.ShouldBe(3);
        // Backoff of 1 s then 2 s, less up to a quarter of jitter. The fake clock keeps moving in 100 ms steps while
        // continuations wait for a CPU, so on a loaded machine an attempt is observed a few steps late; never early.
        offsets[0].ShouldBeInRange(0, 1);
        (offsets[1] - offsets[0]).ShouldBeInRange(0.75, 2.5);
        (offsets[2] - offsets[1]).ShouldBeInRange(1.5, 3.5);
    }

    [Fact]
    public async Task An_attempt_without_answer_times_out_after_the_configured_timeout()
    {
        var handler = new ScriptedHttpHandler(_clock, (i, ct) => i > 0 ? Respond(HttpStatusCode.OK, SevenBody) : HangAsync(ct));

        var timedOut = await RunAsync(Provider(handler, retries: 0).QueryScalarAsync("up", null, Budget, CancellationToken.None));

        timedOut.ShouldBe(QueryOutcome.Failed("Prometheus query timed out after 10s"));
        (handler.Arrivals.Single() - TestClock.New().GetUtcNow()).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        var handler = new ScriptedHttpHandler(_clock, (i, ct) => i > 0 ? Respond(HttpStatusCode.OK, SevenBody) : HangAsync(ct));

        var outcome = await RunAsync(Provider(handler).QueryScalarAsync("up", null, Budget, CancellationToken.None));

        outcome.ShouldBe(QueryOutcome.Of(7));
        handler.Arrivals.Count.ShouldBe(2);
        // 10 s timeout + 1 s backoff less jitter. The fake clock keeps moving in 100 ms steps while continuations wait for a
        // CPU, so on a loaded machine the retry is observed a few steps late; never early.
        (handler.Arrivals[1] - handler.Arrivals[0]).TotalSeconds.ShouldBeInRange(10.75, 13);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_an_outcome()
    {
        var handler = new ScriptedHttpHandler(_clock, (_, ct) => HangAsync(ct));
        using var cancel = new CancellationTokenSource();
        var query = Provider(handler).QueryScalarAsync("up", null, Budget, cancel.Token);
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(query);
    }

    [Fact]
    public async Task Retries_of_a_failing_query_fit_in_half_the_guardrail_interval_however_many_are_allowed()
    {
        var handler = new ScriptedHttpHandler(_clock, (_, _) => Respond(HttpStatusCode.ServiceUnavailable, "down"));
        var start = _clock.GetUtcNow();
        var budget = QueryBudget.ForInterval(TimeSpan.FromSeconds(2));

        var query = Provider(handler, retries: 10, retryDelay: TimeSpan.FromMilliseconds(100)).QueryScalarAsync("up", null, budget, CancellationToken.None);
        var outcome = await RunAsync(query, stepMilliseconds: 10);
        var finished = _clock.GetUtcNow() - start;

        budget.Total.ShouldBe(TimeSpan.FromSeconds(1));
        outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        // 100, 200, 400 ms of backoff (less jitter) fit; the fourth wait is cut short to leave the last retry 100 ms.
        handler.Arrivals.Count.ShouldBeInRange(4, 6);
        // The fake clock keeps moving in 10 ms steps while continuations wait for a CPU, so on a loaded machine an attempt
        // is observed a few steps late (the exact bound is PrometheusRetryBudgetTests'); never early.
        handler.Arrivals[^1].ShouldBeLessThanOrEqualTo(start + budget.Total - PrometheusRetryBudget.MinAttempt + Lag);
        finished.ShouldBeLessThanOrEqualTo(budget.Total + Lag);
    }

    [Fact]
    public async Task An_unanswered_attempt_ends_with_the_budget_when_that_is_shorter_than_the_timeout()
    {
        var handler = new ScriptedHttpHandler(_clock, (_, ct) => HangAsync(ct));
        var start = _clock.GetUtcNow();

        var query = Provider(handler, retries: 2, timeout: TimeSpan.FromSeconds(10))
            .QueryScalarAsync("up", null, QueryBudget.ForInterval(TimeSpan.FromSeconds(2)), CancellationToken.None);
        var outcome = await RunAsync(query, stepMilliseconds: 10);

        outcome.ShouldBe(QueryOutcome.Failed("Prometheus query timed out after 1s"));
        handler.Arrivals.ShouldBe([start], "no retry: the budget is spent");
        (_clock.GetUtcNow() - start).ShouldBeInRange(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) + Lag);
    }

    [Fact]
    public async Task Bad_queries_are_not_retried()
    {
        var handler = new ScriptedHttpHandler(_clock, (_, _) =>
            Respond(HttpStatusCode.BadRequest, """{"status":"error","errorType":"bad_data","error":"parse error"}"""));

        var outcome = await RunAsync(Provider(handler, retries: 5).QueryScalarAsync("sum(", null, Budget, CancellationToken.None));

        outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        handler.Arrivals.Count.ShouldBe(1);
    }
}
