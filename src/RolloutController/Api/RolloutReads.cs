using RolloutController.Engine;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Api;

/// <summary>
/// Reads one rollout for the API and the dashboard alike, within a budget: a read that the store does not answer in time
/// answers from what this replica serves, saying so, rather than waiting on a store that may hang.
/// </summary>
internal static class RolloutReads
{
    /// <summary>How long a read answers from the store before it answers from what this replica serves. 1 second.</summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(1);

    /// <summary>Entries of each kind of history read for one rollout: 100.</summary>
    public const int HistoryLimit = 100;

    /// <summary>
    /// What the rollout is now: a safety move waiting to be stored, as the list shows it (<see cref="SeenRollouts"/>),
    /// else the store's state, else (the store does not answer in time) what this replica serves, saying so.
    /// </summary>
    public static async Task<(SeenRollout? Seen, string? Note)> CurrentAsync(
        string flag, IRolloutStore store, KnownRollouts known, PendingSafetyMoves pending, TimeProvider time, CancellationToken ct)
    {
        if (SeenRollouts.Unstored(flag, known, pending) is { } unstored) return (unstored, NotStoredNote(unstored.NotStoredSince!.Value));
        try
        {
            var stored = await store.GetAsync(flag, ct).WaitAsync(ReadBudget, time, ct);
            return (stored is null ? null : new SeenRollout(stored, known.WatchedSince(flag), null), null);
        }
        catch (Exception e) when (e is StoreException or TimeoutException)
        {
            return (SeenRollouts.Find(flag, known, pending), "the store did not answer: this is what this replica serves; history is not shown");
        }
    }

    /// <summary>The rollout's measurements (at most <paramref name="measurementLimit"/>), transitions and notification attempts.</summary>
    public static async Task<RolloutRecord> RecordAsync(
        IRolloutStore store, string flag, int measurementLimit, TimeProvider time, CancellationToken ct)
    {
        try
        {
            var measurements = store.GetMeasurementsAsync(flag, measurementLimit, ct);
            var transitions = store.GetTransitionsAsync(flag, HistoryLimit, ct);
            var notifications = store.GetNotificationAttemptsAsync(flag, HistoryLimit, ct);
            await Task.WhenAll(measurements, transitions, notifications).WaitAsync(ReadBudget, time, ct);
            return new RolloutRecord(measurements.Result, transitions.Result, notifications.Result, null);
        }
        catch (Exception e) when (e is StoreException or TimeoutException)
        {
            return RolloutRecord.Unread("the store did not answer in time: history is not shown");
        }
    }

    public static string NotStoredNote(DateTimeOffset since) =>
        $"applied to what is served since {since:u}, not stored yet: the store has not taken it. It is kept in this replica's journal and stored " +
        "as soon as the store answers (see /readyz)";
}
