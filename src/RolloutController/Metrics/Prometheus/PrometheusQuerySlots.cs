using Microsoft.Extensions.Options;
using RolloutController.Telemetry;

namespace RolloutController.Metrics.Prometheus;

/// <summary>
/// The process-wide bound on queries in flight to Prometheus (<see cref="PrometheusOptions.MaxConcurrentQueries"/>).
/// Waiting for a slot costs no thread; a retry's backoff holds none.
/// </summary>
internal sealed class PrometheusQuerySlots
{
    private readonly SemaphoreSlim _slots;
    private readonly int _size;

    public PrometheusQuerySlots(IOptions<PrometheusOptions> options, ControllerMetrics metrics)
    {
        _size = options.Value.MaxConcurrentQueries;
        _slots = new SemaphoreSlim(_size, _size);
        metrics.ObserveQueriesInFlight(() => InFlight);
    }

    public int InFlight => _size - _slots.CurrentCount;

    public Task WaitAsync(CancellationToken cancellationToken) => _slots.WaitAsync(cancellationToken);

    public void Release() => _slots.Release();
}
