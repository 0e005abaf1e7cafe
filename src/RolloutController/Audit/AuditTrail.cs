using RolloutController.Api;
using RolloutController.Store;
using RolloutController.Telemetry;

namespace RolloutController.Audit;

/// <summary>
/// The one call that records a change in the audit log, for changes that are not rollout transitions (those are
/// appended by the store's save itself): approvals, kill switches, segment includes, review decisions, notice retries,
/// policy revisions. A failure to append is counted (<c>audit_append_failures</c>) and logged, and returned as false;
/// the caller decides whether the change stands without it.
/// </summary>
internal sealed class AuditTrail(IRolloutStore store, TimeProvider time, ControllerMetrics metrics, ILogger<AuditTrail> logger)
{
    /// <summary>
    /// Records <paramref name="action"/> by the API caller of <paramref name="context"/>, under the grant
    /// <paramref name="access"/> found, on <paramref name="subject"/> (e.g. <c>flag/new-checkout</c>), with the reason and
    /// the state before and after.
    /// </summary>
    public Task<bool> RecordAsync(HttpContext context, AccessDecision access, ApiAction action, string subject, string reason,
        string? before, string? after, CancellationToken cancellationToken, string? details = null) =>
        AppendAsync(new AuditEntry(time.GetUtcNow(), ApiCaller.From(context.User).Name, access.Grant?.ClaimValue ?? "none",
            ApiPolicies.Name(action), subject, reason, before, after, details), unlessUnchanged: false, cancellationToken);

    /// <summary>Appends <paramref name="entry"/> as it is (see <see cref="IRolloutStore.AppendAuditAsync"/>).</summary>
    public async Task<bool> AppendAsync(AuditEntry entry, bool unlessUnchanged, CancellationToken cancellationToken)
    {
        try
        {
            await store.AppendAuditAsync(entry, unlessUnchanged, cancellationToken);
            return true;
        }
        catch (StoreException e)
        {
            metrics.AuditAppendFailures.Add(1);
            AuditLog.AppendFailed(logger, entry.Action, entry.Subject, entry.Actor, e.Message);
            return false;
        }
    }
}
