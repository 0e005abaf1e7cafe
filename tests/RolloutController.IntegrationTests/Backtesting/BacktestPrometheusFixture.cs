using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.IntegrationTests.Backtesting;

/// <summary>A real Prometheus holding <see cref="CheckoutHistory"/>, backfilled with promtool, shared by a test class.</summary>
public sealed class BacktestPrometheusFixture : IAsyncLifetime
{
    public DateTimeOffset HistoryStart { get; private set; }

    public DateTimeOffset BurstAt => HistoryStart + CheckoutHistory.Burst;

    public DateTimeOffset HistoryEnd => HistoryStart + CheckoutHistory.Length;

    public Uri Url => _prometheus.Server.BaseUri;

    private BackfilledPrometheus _prometheus = null!;

    public async Task InitializeAsync()
    {
        var history = CheckoutHistory.Create(DateTimeOffset.UtcNow);
        HistoryStart = history.Start;
        _prometheus = await BackfilledPrometheus.StartAsync(history);
        // Prometheus loads the blocks before it reports ready; this proves queries see all four series.
        await _prometheus.Server.WaitForSeriesAsync(
            $"count(http_requests_total{{flag=\"{CheckoutHistory.Flag}\"}} @ {HistoryEnd.ToUnixTimeSeconds()})",
            samples => samples.Count == 1 && samples[0].Value == 4, TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync() => await _prometheus.DisposeAsync();
}
