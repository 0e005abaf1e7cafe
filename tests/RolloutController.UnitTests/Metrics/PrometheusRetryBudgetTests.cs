using RolloutController.Metrics;
using RolloutController.Metrics.Prometheus;
using RolloutController.Time;

namespace RolloutController.UnitTests.Metrics;

public sealed class PrometheusRetryBudgetTests
{
    private static readonly TimeSpan Ms = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void The_budget_is_half_the_interval()
    {
        QueryBudget.ForInterval(TimeSpan.FromSeconds(2)).Total.ShouldBe(TimeSpan.FromSeconds(1));
        QueryBudget.ForInterval(TimeSpan.FromMinutes(1)).Total.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void An_attempt_gets_the_timeout_or_what_is_left_of_the_budget()
    {
        PrometheusRetryBudget.AttemptTimeout(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)).ShouldBe(TimeSpan.FromSeconds(10));
        PrometheusRetryBudget.AttemptTimeout(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)).ShouldBe(TimeSpan.FromSeconds(1));
        PrometheusRetryBudget.AttemptTimeout(TimeSpan.FromSeconds(10), 20 * Ms).ShouldBe(PrometheusRetryBudget.MinAttempt);
    }

    [Fact]
    public void Backoff_doubles_and_is_cut_short_to_leave_the_retry_its_shortest_attempt()
    {
        var remaining = TimeSpan.FromSeconds(30);
        PrometheusRetryBudget.DelayBeforeRetry(TimeSpan.FromSeconds(1), 1, 0, remaining).ShouldBe(TimeSpan.FromSeconds(1));
        PrometheusRetryBudget.DelayBeforeRetry(TimeSpan.FromSeconds(1), 3, 0, remaining).ShouldBe(TimeSpan.FromSeconds(4));
        PrometheusRetryBudget.DelayBeforeRetry(TimeSpan.FromSeconds(1), 3, 0.99, remaining)!.Value.ShouldBeInRange(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(4));
        PrometheusRetryBudget.DelayBeforeRetry(TimeSpan.FromSeconds(1), 1, 0, TimeSpan.FromMilliseconds(600)).ShouldBe(500 * Ms);
        PrometheusRetryBudget.DelayBeforeRetry(TimeSpan.FromSeconds(1), 1, 0.99, TimeSpan.FromMilliseconds(600)).ShouldBe(500 * Ms, "cut short, then not jittered");
        PrometheusRetryBudget.DelayBeforeRetry(TimeSpan.FromSeconds(1), 1, 0, 100 * Ms).ShouldBeNull();
    }

    /// <summary>
    /// Every way a failing query can go — each attempt failing at once or only at its timeout, any jitter — ends within
    /// its budget: the retries never stretch a round past half its interval.
    /// </summary>
    [Theory]
    [InlineData(2, 10, 100, 0.0)]
    [InlineData(2, 10, 100, 0.5)]
    [InlineData(2, 2, 1000, 0.0)]
    [InlineData(2, 10, 1000, 0.9)]
    [InlineData(2, 1, 0, 0.0)]
    [InlineData(60, 10, 1000, 0.3)]
    public void All_attempts_of_a_failing_query_end_within_its_budget(int intervalSeconds, int retries, int retryDelayMs, double jitter)
    {
        var budget = QueryBudget.ForInterval(TimeSpan.FromSeconds(intervalSeconds));
        foreach (var timeoutSeconds in new[] { 0.3, 1, 10 })
        foreach (var failsAtOnce in new[] { true, false })
        {
            var timeout = TimeSpan.FromSeconds(timeoutSeconds);
            var elapsed = TimeSpan.Zero;
            var cutShort = false;
            for (var attempt = 0; attempt <= retries; attempt++)
            {
                if (attempt > 0)
                {
                    var delay = PrometheusRetryBudget.DelayBeforeRetry(retryDelayMs * Ms, attempt, jitter, budget.Total - elapsed);
                    if (delay is null) break;
                    cutShort.ShouldBeFalse("a wait cut short to fit the budget is the last one");
                    cutShort = delay < ExponentialBackoff.Delay(retryDelayMs * Ms, TimeSpan.MaxValue, attempt, jitter);
                    elapsed += delay.Value;
                }
                var attemptTimeout = PrometheusRetryBudget.AttemptTimeout(timeout, budget.Total - elapsed);
                attemptTimeout.ShouldBeLessThanOrEqualTo(timeout);
                elapsed += failsAtOnce ? TimeSpan.Zero : attemptTimeout;
            }
            elapsed.ShouldBeLessThanOrEqualTo(budget.Total, $"timeout {timeout}, failing {(failsAtOnce ? "at once" : "at the timeout")}");
        }
    }
}
