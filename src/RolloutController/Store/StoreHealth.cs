using RolloutController.Scheduling;
using RolloutController.Telemetry;

namespace RolloutController.Store;

/// <summary>
/// Whether the store answers: every failure is counted (<c>rollout_controller_store_errors_total{operation}</c>) and
/// degrades <c>/readyz</c> ("store: unreachable since …") until the next call that succeeds. Fed by
/// <see cref="ObservedRolloutStore"/>, so it sees every call anything makes.
/// </summary>
internal sealed class StoreHealth(ControllerReadiness readiness, ControllerMetrics telemetry, TimeProvider time, ILogger<StoreHealth> logger)
{
    public const string Part = "store";

    private readonly Lock _gate = new();
    private DateTimeOffset? _failingSince;

    /// <summary>When the store started failing, or null while it answers.</summary>
    public DateTimeOffset? FailingSince
    {
        get { lock (_gate) return _failingSince; }
    }

    public void Succeeded()
    {
        DateTimeOffset? was;
        lock (_gate)
        {
            was = _failingSince;
            _failingSince = null;
        }
        if (was is null) return;
        readiness.SetDegraded(Part, null);
        StoreLog.Recovered(logger, time.GetUtcNow() - was.Value);
    }

    public void Failed(string operation, StoreException error)
    {
        telemetry.StoreErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));
        DateTimeOffset since;
        bool first;
        lock (_gate)
        {
            first = _failingSince is null;
            since = _failingSince ??= time.GetUtcNow();
        }
        readiness.SetDegraded(Part, $"failing since {since:u}: {error.Message}");
        if (first) StoreLog.Failing(logger, error, operation);
    }
}
