using RolloutController.Store;
using RolloutController.Store.Journal;
using RolloutController.Rollouts;

namespace RolloutController.Engine;

/// <summary>
/// At start-up, before any rollout is restored from the store: serves again every safety move the journal holds that was
/// not stored before the process stopped, so a rollback or abort never flips back across a restart; the pending service
/// stores them.
/// </summary>
internal sealed class JournalRecovery(SafetyJournal journal, SafetyMoveWriter writer, IPolicySource policies, ILogger<JournalRecovery> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<JournalEntry> entries;
        try
        {
            entries = journal.Recover(out var skipped);
            if (skipped > 0) SafetyLog.SkippedLines(logger, journal.FilePath, skipped);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            SafetyLog.RecoveryFailed(logger, e, journal.FilePath);
            return;
        }
        foreach (var entry in entries) await writer.RestoreAsync(policies.Find(entry.State.FlagKey), entry);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
