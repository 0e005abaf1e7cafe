using RolloutController.Rollouts;

namespace RolloutController.Api;

/// <summary>What became of a person's command, whoever sent it (the API, the dashboard).</summary>
/// <param name="Kind">Done (stored and served), NotStored (a safety move served, stored later: <see cref="Note"/> says so),
/// Refused (nothing changed: <see cref="Error"/> says why), Unavailable (the store did not answer: nothing changed, or it
/// may still apply), Conflict (another writer got there first: try again).</param>
internal sealed record RolloutCommandRun(RolloutCommandResult Kind, RolloutState? State, string? Error = null, string? Note = null);
