using RolloutController.TestUtilities.Prometheus;

namespace RolloutController.IntegrationTests.Analysis.Batching;

/// <summary>A real Prometheus holding <see cref="BatchingHistory"/>, backfilled with promtool, shared by a test class.</summary>
public sealed class BatchingPrometheusFixture : IAsyncLifetime
{
    private BackfilledPrometheus _prometheus = null!;

    /// <summary>Every query of the tests is evaluated at this one instant, late in the history.</summary>
    public DateTimeOffset EvaluatedAt { get; private set; }

    public PrometheusServer Server => _prometheus.Server;

    public async Task InitializeAsync()
    {
        var history = BatchingHistory.Create(DateTimeOffset.UtcNow);
        EvaluatedAt = history.End - TimeSpan.FromSeconds(95);
        _prometheus = await BackfilledPrometheus.StartAsync(history);
        // Prometheus loads the blocks before it reports ready; this proves queries see every flag's series.
        var flags = BatchingHistory.WithData.Length + BatchingHistory.Decoys.Length;
        await _prometheus.Server.WaitForSeriesAsync(
            $"count(count by (flag) (http_requests_total @ {EvaluatedAt.ToUnixTimeSeconds()}))",
            samples => samples.Count == 1 && samples[0].Value == flags, TimeSpan.FromSeconds(10));
    }

    public async Task DisposeAsync() => await _prometheus.DisposeAsync();
}
