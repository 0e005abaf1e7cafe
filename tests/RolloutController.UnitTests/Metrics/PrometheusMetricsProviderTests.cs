using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RolloutController.Analysis;
using RolloutController.Metrics.Prometheus;
using RolloutController.Telemetry;
using RolloutController.TestUtilities.Time;

namespace RolloutController.UnitTests.Metrics;

/// <summary>Retry and timeout timing on the injected clock: no real waiting.</summary>
public sealed class PrometheusMetricsProviderTests : IDisposable
{
    private const string SevenBody = """{"status":"success","data":{"resultType":"scalar","result":[1,"7"]}}""";

    private readonly ServiceProvider _services = new ServiceCollection().AddControllerTelemetry().BuildServiceProvider();
    private readonly ManualTimeProvider _clock = new();

    public void Dispose() => _services.Dispose();

    private PrometheusMetricsProvider Provider(ScriptedHttpHandler handler, int retries = 2)
    {
        var options = Options.Create(new PrometheusOptions { Retries = retries });
        var metrics = _services.GetRequiredService<ControllerMetrics>();
        return new(new HttpClient(handler), options, new PrometheusQuerySlots(options, metrics), metrics, _clock,
            NullLogger<PrometheusMetricsProvider>.Instance);
    }

    /// <summary>Moves the manual clock in small steps, letting continuations run, until the query is done.</summary>
    private async Task<QueryOutcome> RunAsync(Task<QueryOutcome> query)
    {
        for (var step = 0; step < 1000 && !query.IsCompleted; step++)
        {
            await Task.Delay(5);
            _clock.Advance(TimeSpan.FromMilliseconds(100));
        }
        query.IsCompleted.ShouldBeTrue("the query did not finish within 100 s of manual time");
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

        var outcome = await RunAsync(Provider(handler).QueryScalarAsync("up", null, CancellationToken.None));

        outcome.Kind.ShouldBe(QueryOutcomeKind.Error);
        outcome.Detail.ShouldBe("HTTP 503 ServiceUnavailable: down (after 3 attempts)");
        var offsets = handler.Arrivals.Select(a => (a - start).TotalSeconds).ToList();
        offsets.Count.ShouldBe(3);
        // Backoff of 1 s then 2 s. The manual clock keeps moving in 100 ms steps while continuations wait for a CPU, so
        // on a loaded machine an attempt is observed a few steps late; never early.
        offsets[0].ShouldBeInRange(0, 1);
        (offsets[1] - offsets[0]).ShouldBeInRange(0.95, 2.5);
        (offsets[2] - offsets[1]).ShouldBeInRange(1.95, 3.5);
    }

    [Fact]
    public async Task An_attempt_without_answer_times_out_after_the_configured_timeout()
    {
        var handler = new ScriptedHttpHandler(_clock, (i, ct) => i > 0 ? Respond(HttpStatusCode.OK, SevenBody) : HangAsync(ct));

        var timedOut = await RunAsync(Provider(handler, retries: 0).QueryScalarAsync("up", null, CancellationToken.None));

        timedOut.ShouldBe(QueryOutcome.Failed("Prometheus query timed out after 10s"));
        (handler.Arrivals.Single() - new ManualTimeProvider().GetUtcNow()).ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public async Task A_timed_out_attempt_is_retried()
    {
        var handler = new ScriptedHttpHandler(_clock, (i, ct) => i > 0 ? Respond(HttpStatusCode.OK, SevenBody) : HangAsync(ct));

        var outcome = await RunAsync(Provider(handler).QueryScalarAsync("up", null, CancellationToken.None));

        outcome.ShouldBe(QueryOutcome.Of(7));
        handler.Arrivals.Count.ShouldBe(2);
        // 10 s timeout + 1 s backoff. The manual clock keeps moving in 100 ms steps while continuations wait for a CPU, so on a
        // loaded machine the retry is observed a few steps late; never early.
        (handler.Arrivals[1] - handler.Arrivals[0]).TotalSeconds.ShouldBeInRange(10.9, 13);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_an_outcome()
    {
        var handler = new ScriptedHttpHandler(_clock, (_, ct) => HangAsync(ct));
        using var cancel = new CancellationTokenSource();
        var query = Provider(handler).QueryScalarAsync("up", null, cancel.Token);
        await cancel.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(query);
    }
}
