using System.Threading.Channels;
using Microsoft.Extensions.Options;
using RolloutController.Rollouts;
using RolloutController.Store;
using RolloutController.Telemetry;
using RolloutController.Engine;

namespace RolloutController.Scheduling;

/// <summary>
/// Runs the measurement rounds that Quartz fires. The Quartz job only hands the round over (<see cref="Enqueue"/>) and
/// returns, so a round waiting on Prometheus never holds a scheduler thread: capacity is set by how many queries may run
/// at once (<c>Prometheus:MaxConcurrentQueries</c>) and by <see cref="RoundOptions.MaxConcurrent"/>, not by Quartz's pool.
/// Rounds run in the order they fell due. A rollout has at most one round queued and one running: a firing that finds
/// one is merged into it (counted), so a backlog never measures a rollout twice in a row. Every round's lag (due time to
/// start) is recorded, and a round more than one interval late is counted and logged: late rounds run late, never
/// silently not at all.
/// </summary>
internal sealed class RoundPipeline : BackgroundService
{
    private readonly IPolicySource _policies;
    private readonly RolloutEngine _engine;
    private readonly RolloutScheduler _scheduler;
    private readonly ControllerMetrics _telemetry;
    private readonly TimeProvider _time;
    private readonly ILogger<RoundPipeline> _logger;
    private readonly int _workers;

    private readonly Channel<RoundRequest> _queue = Channel.CreateUnbounded<RoundRequest>();
    private readonly Lock _gate = new();
    // Per rollout with a round queued or running: whether it runs, and a firing that came in meanwhile.
    private readonly Dictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private readonly HashSet<string> _late = new(StringComparer.Ordinal);
    private int _queued;

    // Rollouts named in the log as running late, so that a controller far behind names a few, not thousands: the
    // watchdog's counts and rollout_controller_rounds_late_total say how many.
    private const int LateLoggedLimit = 20;
    private int _lateLogged;

    public RoundPipeline(IPolicySource policies, RolloutEngine engine, RolloutScheduler scheduler, IOptions<RoundOptions> options,
        ControllerMetrics telemetry, TimeProvider time, ILogger<RoundPipeline> logger)
    {
        _policies = policies;
        _engine = engine;
        _scheduler = scheduler;
        _telemetry = telemetry;
        _time = time;
        _logger = logger;
        _workers = options.Value.MaxConcurrent;
        telemetry.ObserveQueuedRounds(() => Volatile.Read(ref _queued));
    }

    /// <summary>Rounds waiting for a free slot.</summary>
    public int Queued => Volatile.Read(ref _queued);

    /// <summary>Queues a round of <paramref name="flagKey"/> due at <paramref name="dueAt"/>. Returns at once.</summary>
    public void Enqueue(string flagKey, DateTimeOffset dueAt)
    {
        lock (_gate)
        {
            if (_slots.TryGetValue(flagKey, out var slot))
            {
                // Queued already: that round serves this firing too. Running: run once more after it (it may find the
                // rollout measured moments ago and leave it; see RolloutDecider.RoundDue).
                if (slot.Running && slot.Again is null) slot.Again = dueAt;
                _telemetry.RoundsCoalesced.Add(1);
                return;
            }
            _slots[flagKey] = new Slot();
            _queued++;
        }
        _queue.Writer.TryWrite(new RoundRequest(flagKey, dueAt));
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, _workers).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in _queue.Reader.ReadAllAsync(stoppingToken))
                await RunAsync(request, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunAsync(RoundRequest request, CancellationToken stoppingToken)
    {
        lock (_gate)
        {
            _slots[request.FlagKey].Running = true;
            _queued--;
        }
        try
        {
            if (_policies.Find(request.FlagKey) is not { } policy) return;
            RecordLag(request, policy.Analysis.Interval);
            var outcome = await RunRoundAsync(policy, stoppingToken);
            if (outcome is not null) _telemetry.Rounds.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
        finally
        {
            DateTimeOffset? again;
            lock (_gate)
            {
                again = _slots[request.FlagKey].Again;
                _slots.Remove(request.FlagKey);
            }
            if (again is { } dueAt && !stoppingToken.IsCancellationRequested) Enqueue(request.FlagKey, dueAt);
        }
    }

    /// <returns>The outcome to count, or null when the controller is stopping.</returns>
    private async Task<string?> RunRoundAsync(Policies.RolloutPolicy policy, CancellationToken stoppingToken)
    {
        var flag = policy.Flag.Key;
        try
        {
            var before = _engine.KnownVersion(flag);
            var state = await _engine.TickAsync(policy, stoppingToken);
            if (state is not null) await _scheduler.ScheduleGateAsync(policy, state, stoppingToken);
            return state is null || state.Version == before ? "not_due" : "completed";
        }
        catch (ConcurrencyConflictException)
        {
            EngineLog.Conflict(_logger, flag);
            return "conflict";
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return null;
        }
        catch (StoreException e)
        {
            RoundLog.Failed(_logger, e, flag, "store");
            return "failed_store";
        }
        catch (Exception e)
        {
            // Whatever failed (a policy removed mid-round, a bug), the worker keeps running: nothing was acted on, and the
            // next interval tries again.
            RoundLog.Failed(_logger, e, flag, e.GetType().Name);
            return "failed";
        }
    }

    private void RecordLag(RoundRequest request, TimeSpan interval)
    {
        var lag = _time.GetUtcNow() - request.DueAt;
        if (lag < TimeSpan.Zero) lag = TimeSpan.Zero;
        _telemetry.RoundLag.Record(lag.TotalSeconds);
        bool changed;
        var late = lag > interval;
        lock (_gate) changed = late ? _late.Add(request.FlagKey) : _late.Remove(request.FlagKey);
        if (late) _telemetry.LateRounds.Add(1);
        // Logged when a rollout falls behind and when it catches up, not at every late round: a controller that cannot
        // keep up would otherwise bury everything else in the log.
        if (changed && late && Interlocked.Increment(ref _lateLogged) <= LateLoggedLimit) RoundLog.Late(_logger, request.FlagKey, lag, interval, Queued);
        else if (changed && !late && Interlocked.Decrement(ref _lateLogged) < LateLoggedLimit) RoundLog.OnTimeAgain(_logger, request.FlagKey);
    }

    private sealed class Slot
    {
        public bool Running { get; set; }

        public DateTimeOffset? Again { get; set; }
    }
}
