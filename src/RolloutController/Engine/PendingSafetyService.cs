using RolloutController.Scheduling;
using RolloutController.Store;
using RolloutController.Time;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>
/// Stores the safety moves the store could not take at once, trying again every <see cref="RetryInterval"/> until it
/// does. While any wait, <c>/readyz</c> says so; one that waits longer than its rollout's interval is told to on-call
/// (a critical notice, sent from memory since the store is what fails).
/// </summary>
internal sealed class PendingSafetyService(
    PendingSafetyMoves pending,
    SafetyMoveWriter writer,
    INoticePublisher notices,
    ControllerReadiness readiness,
    TimeProvider time,
    ILogger<PendingSafetyService> logger) : BackgroundService
{
    public const string Part = "safety";

    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(RetryInterval, time, stoppingToken);
                try
                {
                    Pass();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A bug here must not stop the controller (nor this loop): the moves stay served and pending.
                    SafetyLog.PassFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One pass: store what waits, warn about what waited too long, report readiness.</summary>
    public void Pass()
    {
        var now = time.GetUtcNow();
        foreach (var move in pending.All)
        {
            _ = writer.StoreAsync(move);
            var limit = move.Policy?.Analysis.Interval ?? TimeSpan.FromMinutes(1);
            if (!move.Warned && now - move.Since > limit) Warn(move, now);
        }
        var count = pending.Count;
        readiness.SetDegraded(Part, count == 0 ? null
            : $"{count} safety move(s) served but not stored yet (oldest waiting {DurationParser.Format(WholeSeconds(pending.OldestAge()))}); kept in the local journal");
    }

    private void Warn(PendingSafetyMove move, DateTimeOffset now)
    {
        RolloutNotice notice;
        lock (move.Gate)
        {
            move.Warned = true;
            if (move.Policy is null || move.Transitions.Count == 0) return;
            var last = move.Transitions[^1];
            notice = new RolloutNotice(NoticeKind.NotStored, NoticeSeverity.Critical, move.Safe.FlagKey,
                $"'{move.Safe.FlagKey}' {last.Trigger.ToString().ToLowerInvariant()} is served but not stored for {DurationParser.Format(WholeSeconds(now - move.Since))}: the store is failing",
                $"'{move.Safe.FlagKey}' is served at {move.Safe.ServedWeight}% ({move.Safe.Phase}) by this controller; the change is in its local journal and is stored as soon as the store answers.",
                "Restore the store (see /readyz and rollout_controller_store_errors_total). Do not restart the controller on another machine before it is stored: the journal is local to this one.",
                last, [], []);
        }
        SafetyLog.StillNotStored(logger, notice.FlagKey, move.Since, now - move.Since);
        _ = notices.DeliverNowAsync(notices.Prepare(notice, move.Policy!));
    }

    private static TimeSpan WholeSeconds(TimeSpan value) => TimeSpan.FromSeconds(Math.Max(0, Math.Round(value.TotalSeconds)));
}
