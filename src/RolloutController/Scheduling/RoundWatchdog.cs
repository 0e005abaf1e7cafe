using Microsoft.Extensions.Options;
using RolloutController.Rollouts;
using RolloutController.Telemetry;
using RolloutController.Engine;

namespace RolloutController.Scheduling;

/// <summary>
/// Checks every live rollout's rounds from the outside: a rollout whose next round is more than one interval late
/// (<see cref="RoundClock.Overdue"/>) is counted in <c>rollout_controller_rollouts_late</c>, logged when it falls behind
/// and when it catches up, shown in the API (<c>overdueSeconds</c>), and degrades <c>/readyz</c>. It catches what the
/// round pipeline cannot see: a round that never fires at all (a stopped scheduler, a replica that died holding it).
/// </summary>
internal sealed class RoundWatchdog(
    KnownRollouts known,
    PendingSafetyMoves pending,
    IPolicySource policies,
    ControllerReadiness readiness,
    ControllerMetrics telemetry,
    IOptions<RoundOptions> options,
    TimeProvider time,
    ILogger<RoundWatchdog> logger) : BackgroundService
{
    public const string Part = "rounds";

    private const int LoggedPerCheck = 10;

    private readonly HashSet<string> _overdue = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(options.Value.LatenessCheckInterval, time, stoppingToken);
                // Before the rollouts are restored and scheduled nothing is expected to run.
                if (!readiness.IsReady) continue;
                try
                {
                    Check();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bug here must not stop the controller: lateness is checked again at the next pass.
                    RoundLog.CheckFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One check of every known rollout; returns how many are overdue.</summary>
    public int Check()
    {
        var now = time.GetUtcNow();
        var late = 0;
        var newlyOverdue = 0;
        var caughtUp = 0;
        foreach (var (state, watchedSince) in known.All)
        {
            // Not watched here yet (the supervisor starts watching every rollout whose policy is in force).
            if (watchedSince is not { } since || policies.Find(state.FlagKey) is not { } policy) continue;
            // A round the store did not take yet still happened: its state waits in memory.
            var current = state;
            if (pending.Find(state.FlagKey) is { } move)
                lock (move.Gate) current = move.Safe;
            var overdue = RoundClock.Overdue(policy, current, since, now);
            if (overdue > TimeSpan.Zero)
            {
                late++;
                // Each rollout is named as it falls behind, up to a few per check: a controller far behind would
                // otherwise write a line per rollout every few seconds; the rest are counted in one line.
                if (_overdue.Add(state.FlagKey) && ++newlyOverdue <= LoggedPerCheck)
                    RoundLog.Overdue(logger, state.FlagKey, overdue, policy.Analysis.Interval, current.LastMeasuredAt);
            }
            else if (_overdue.Remove(state.FlagKey) && ++caughtUp <= LoggedPerCheck) RoundLog.NoLongerOverdue(logger, state.FlagKey);
        }
        if (newlyOverdue > LoggedPerCheck || caughtUp > LoggedPerCheck)
            RoundLog.OverdueSummary(logger, Math.Max(0, newlyOverdue - LoggedPerCheck), Math.Max(0, caughtUp - LoggedPerCheck), late);
        _overdue.RemoveWhere(flag => known.Find(flag) is null);
        telemetry.SetLateRollouts(late);
        readiness.SetDegraded(Part, late == 0 ? null : $"{late} rollouts have not been measured for more than one interval past due");
        return late;
    }
}
