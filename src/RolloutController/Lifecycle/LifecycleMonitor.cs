using RolloutController.PolicyFiles;
using RolloutController.Telemetry;

namespace RolloutController.Lifecycle;

/// <summary>
/// Every minute, after every policy reload and after every review decision, counts the overdue and stale flags of each
/// owner (every policy's flag and every <c>kind: Flag</c> document no policy drives) for <c>/metrics</c>, then sends the reminders that are due (<see cref="ReviewReminderSender"/>). The file's
/// dates are checked for every policy; the audit log (a later review decision) only for those the file alone makes due,
/// overdue or stale.
/// </summary>
internal sealed class LifecycleMonitor(
    PolicyRegistry registry, LifecycleReader reader, ReviewReminderSender reminders, ControllerMetrics metrics, TimeProvider time) : BackgroundService
{
    /// <summary>How often the counts are refreshed: 1 minute.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private TaskCompletionSource _recount = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Counts again now (a review decision, a reload), without waiting for the minute.</summary>
    public void Recount() => Volatile.Read(ref _recount).TrySetResult();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        registry.Changed += OnChanged;
        try
        {
            using var timer = new PeriodicTimer(Interval, time);
            var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            while (!stoppingToken.IsCancellationRequested)
            {
                // A recount asked from here on (during this count too) starts another one.
                Volatile.Write(ref _recount, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                var recount = Volatile.Read(ref _recount);
                await CountAsync(stoppingToken);
                if (await Task.WhenAny(tick, recount.Task).WaitAsync(stoppingToken) == tick)
                {
                    if (!await tick) return;
                    tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            registry.Changed -= OnChanged;
        }
    }

    private void OnChanged(object? sender, EventArgs e) => Recount();

    public async Task CountAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, (int Overdue, int Stale)>(StringComparer.Ordinal);
        var subjects = new List<LifecycleSubject>();
        foreach (var policy in registry.Current)
        {
            var owner = policy.Metadata.Owner;
            // The audit log can only move a date later (an extension) or set one (a permanent flag's quarter): it is read
            // only when the file alone makes the flag due, overdue or stale, or gives no date.
            var assessment = FlagLifecycle.Assess(policy.Metadata.Type, policy.Metadata.Removal,
                LifecycleReader.FullSince(reader.Known(policy.Flag.Key)), null, null, reader.Today);
            if (assessment.Overdue || ReviewReminders.MayBeDue(assessment, reader.Today) || policy.Metadata.Removal is null)
                assessment = (await reader.AssessAsync(policy, cancellationToken)).Assessment;
            var (overdue, stale) = counts.GetValueOrDefault(owner);
            counts[owner] = (overdue + (assessment.Overdue ? 1 : 0), stale + (assessment.Stale ? 1 : 0));
            subjects.Add(new LifecycleSubject(policy.Flag.Key, policy.Metadata, policy.Stages.Count, policy.Notify, assessment));
        }
        // Flags no policy drives (ops, permission flags): their quarter comes from the audit log, so it is always read.
        foreach (var flag in reader.FlagsWithoutPolicy(registry))
        {
            var assessment = (await reader.AssessAsync(flag, cancellationToken)).Assessment;
            var (overdue, stale) = counts.GetValueOrDefault(flag.Metadata.Owner);
            counts[flag.Metadata.Owner] = (overdue + (assessment.Overdue ? 1 : 0), stale + (assessment.Stale ? 1 : 0));
            subjects.Add(new LifecycleSubject(flag.Key, flag.Metadata, 0, [], assessment));
        }
        metrics.SetLifecycle(counts);
        await reminders.SendAsync(subjects, cancellationToken);
    }
}
