using System.Security.Claims;
using Microsoft.Extensions.Options;
using RolloutController.Notifications;
using RolloutController.Store;

namespace RolloutController.Api;

/// <summary>
/// The notification outbox: <c>GET /api/v1/notices</c> lists deliveries (filter by <c>status</c> and <c>flag</c>, newest
/// first, <c>limit</c> 1–1,000, default 100); <c>POST /api/v1/notices/retry</c> (operator, with a reason) makes every
/// abandoned delivery pending again with <c>MaxAttempts</c> more attempts, under the same notification id.
/// </summary>
internal static class NoticeApi
{
    private static readonly string[] Statuses =
        [OutboxStatus.Pending, OutboxStatus.Delivered, OutboxStatus.Abandoned, OutboxStatus.Held, OutboxStatus.Digested];

    public static IEndpointRouteBuilder MapNoticeApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Read).MapGet("/notices", ListAsync);
        app.MapGroup("/api/v1/notices").RequireAuthorization(ApiPolicies.Command).MapPost("/retry", RetryAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, IRolloutStore store, CancellationToken ct)
    {
        var errors = new List<string>();
        var status = request.Query["status"].ToString() is { Length: > 0 } s ? s : null;
        if (status is not null && !Statuses.Contains(status)) errors.Add($"status must be one of {string.Join(", ", Statuses)} (was '{status}')");
        var limit = RolloutListQuery.DefaultLimit;
        if (request.Query["limit"].ToString() is { Length: > 0 } l && (!int.TryParse(l, out limit) || limit is < 1 or > RolloutListQuery.MaxLimit))
            errors.Add($"limit must be a whole number from 1 to {RolloutListQuery.MaxLimit} (was '{l}')");
        if (errors.Count > 0) return ApiProblem.Create(400, "invalid query", string.Join("; ", errors));
        var flag = request.Query["flag"].ToString() is { Length: > 0 } f ? f : null;
        try
        {
            var deliveries = await store.GetDeliveriesAsync(status, flag, limit, ct);
            return Results.Ok(deliveries.Select(d => new NoticeView(d.NotificationId, d.FlagKey, d.Kind, d.Severity, d.Route, d.Channel, d.Status,
                d.Attempts, d.AttemptsAllowed, d.NextAttemptAt, d.LastError, d.CreatedAt, d.UpdatedAt)).ToList());
        }
        catch (StoreException e)
        {
            return ApiProblem.Create(503, "store unavailable", e.Message);
        }
    }

    private static async Task<IResult> RetryAsync(HttpRequest request, ClaimsPrincipal caller, ApiAccess access, Audit.AuditTrail audit, IRolloutStore store, NotificationDispatcher dispatcher,
        IOptions<NotificationOptions> options, TimeProvider time, ILogger<NotificationDispatcher> logger, CancellationToken ct)
    {
        var (granted, refusal) = access.Check(request.HttpContext, ApiAction.RetryNotices, owner: null, "the notification outbox");
        if (refusal is not null) return refusal;
        var (reason, problem) = await CommandBodyReader.ReadReasonAsync(request, ct);
        if (problem is not null) return problem;
        try
        {
            var retried = await store.RetryAbandonedAsync(options.Value.MaxAttempts, time.GetUtcNow(), ct);
            NotificationLog.RetriedByPerson(logger, retried, caller.Identity!.Name!, reason);
            await audit.RecordAsync(request.HttpContext, granted, ApiAction.RetryNotices, "notices", reason,
                $"{retried} abandoned", $"{retried} pending", ct);
            dispatcher.Stored();
            return Results.Ok(new { retried });
        }
        catch (StoreException e)
        {
            return ApiProblem.Create(503, "store unavailable", e.Message);
        }
    }
}
