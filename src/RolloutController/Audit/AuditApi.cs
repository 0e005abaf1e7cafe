using System.Globalization;
using RolloutController.Api;
using RolloutController.Store;

namespace RolloutController.Audit;

/// <summary>
/// The audit log over HTTP, for admins (reads of it are not audited): <c>GET /api/v1/audit</c> pages through entries
/// oldest first (<c>since</c> an ISO 8601 time, <c>after</c> a seq, <c>limit</c> 1–1,000, default 1,000);
/// <c>GET /api/v1/audit/verify</c> checks the whole chain and names the first broken link.
/// </summary>
internal static class AuditApi
{
    private const int MaxLimit = 1_000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/audit").RequireAuthorization(ApiPolicies.Admin);
        group.MapGet("", ListAsync);
        group.MapGet("/verify", VerifyAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, ApiAccess access, IRolloutStore store, CancellationToken ct)
    {
        if (access.Check(request.HttpContext, ApiAction.AuditRead, owner: null, "the audit log").Refusal is { } refusal) return refusal;
        var errors = new List<string>();
        var since = AuditVerifier.Beginning;
        if (request.Query["since"].ToString() is { Length: > 0 } s
            && !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out since))
            errors.Add($"since must be an ISO 8601 time such as 2026-12-01T00:00:00Z (was '{s}')");
        long after = 0;
        if (request.Query["after"].ToString() is { Length: > 0 } a && (!long.TryParse(a, out after) || after < 0))
            errors.Add($"after must be an entry number, 0 or more (was '{a}')");
        var limit = MaxLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > MaxLimit))
            errors.Add($"limit must be a whole number from 1 to {MaxLimit} (was '{l}')");
        if (errors.Count > 0) return ApiProblem.Create(400, "invalid query", string.Join("; ", errors));
        try
        {
            var records = await store.GetAuditAsync(after, since, limit, ct);
            return Results.Ok(new AuditPage([.. records.Select(AuditEntryView.Of)], records.Count == limit ? records[^1].Seq : null));
        }
        catch (StoreException e)
        {
            return ApiProblem.Create(503, "store unavailable", e.Message);
        }
    }

    private static async Task<IResult> VerifyAsync(HttpRequest request, ApiAccess access, AuditVerifier verifier, CancellationToken ct)
    {
        if (access.Check(request.HttpContext, ApiAction.AuditRead, owner: null, "the audit log").Refusal is { } refusal) return refusal;
        try
        {
            return Results.Ok(await verifier.VerifyAsync(ct));
        }
        catch (StoreException e)
        {
            return ApiProblem.Create(503, "store unavailable", e.Message);
        }
    }
}
