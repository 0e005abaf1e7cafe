namespace RolloutController.Audit;

/// <summary>
/// One change, as the audit log records it: who (<paramref name="Actor"/>, acting as <paramref name="Role"/>), what
/// (<paramref name="Action"/> on <paramref name="Subject"/>), why, when, and the state before and after.
/// </summary>
/// <param name="At">When the change happened; stored to the microsecond.</param>
/// <param name="Actor">The token's name, the OIDC name claim, or <c>controller</c> for automatic changes.</param>
/// <param name="Role">The grant acted under (<c>operator</c>, <c>release-manager@team-payments</c>), or <c>controller</c>.</param>
/// <param name="Action">What was done: <c>pause</c>, <c>rollback</c>, <c>policy-revision</c>, <c>review-decide</c>, ...</param>
/// <param name="Subject">What it was done to: <c>flag/new-checkout</c>, <c>policy/new-checkout.yaml</c>, <c>notices</c>.</param>
/// <param name="Before">The state before, in words or a hash; null when nothing was there.</param>
/// <param name="After">The state after; null when nothing is left.</param>
/// <param name="Details">Anything else worth keeping (a git commit, a content hash); null when none.</param>
internal sealed record AuditEntry(
    DateTimeOffset At,
    string Actor,
    string Role,
    string Action,
    string Subject,
    string Reason,
    string? Before,
    string? After,
    string? Details = null);
