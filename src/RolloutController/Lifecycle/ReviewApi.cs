using System.Globalization;
using RolloutController.Api;
using RolloutController.Audit;
using RolloutController.Engine;
using RolloutController.PolicyFiles;
using RolloutController.Store;

namespace RolloutController.Lifecycle;

/// <summary>
/// The lifecycle review: <c>GET /api/v1/reviews</c> (optionally <c>owner</c>) lists every flag (those of policies and
/// the <c>kind: Flag</c> documents no policy drives) with its age, state, last
/// change, review date and suggested verdict, overdue and stale first; <c>POST /api/v1/reviews/{flag}/{verdict}</c>
/// (<c>delete</c>, <c>extend</c> with <c>until=YYYY-MM-DD</c>, <c>promote-to-ops</c>; release-manager for the flag's
/// owner; a reason) records the decision in the audit log, where it is read back from.
/// </summary>
internal static class ReviewApi
{
    private static readonly string[] Verdicts = ["delete", "extend", "promote-to-ops"];

    public static IEndpointRouteBuilder MapReviewApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Read).MapGet("/reviews", ListAsync);
        app.MapGroup("/api/v1/reviews").RequireAuthorization(ApiPolicies.Command).MapPost("/{flag}/{verdict}", DecideAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, PolicyRegistry registry, LifecycleReader reader, KnownRollouts known,
        TimeProvider time, CancellationToken ct)
    {
        var owner = request.Query["owner"].ToString() is { Length: > 0 } o ? o : null;
        var items = new List<ReviewItem>();
        foreach (var policy in registry.Current.Where(p => owner is null || p.Metadata.Owner == owner))
        {
            var (assessment, started) = await reader.AssessAsync(policy, ct);
            var state = known.Find(policy.Flag.Key);
            items.Add(new ReviewItem(policy.Flag.Key, policy.Metadata.Owner, state?.Phase.ToString() ?? "Pending", state?.Weight ?? 0m,
                started is { } s ? (int)(time.GetUtcNow() - s).TotalDays : null, state?.UpdatedAt, LifecycleView.Of(assessment)));
        }
        foreach (var flag in reader.FlagsWithoutPolicy(registry).Where(f => owner is null || f.Metadata.Owner == owner))
        {
            var (assessment, changed) = await reader.AssessAsync(flag, ct);
            items.Add(new ReviewItem(flag.Key, flag.Metadata.Owner, ReviewItem.NoRollout, 0m,
                changed is { } c ? (int)(time.GetUtcNow() - c).TotalDays : null, changed, LifecycleView.Of(assessment)));
        }
        return Results.Ok(items
            .OrderByDescending(i => i.Lifecycle.Stale || i.Lifecycle.Overdue)
            .ThenBy(i => i.Lifecycle.ReviewBy ?? DateOnly.MaxValue)
            .ThenBy(i => i.Flag, StringComparer.Ordinal)
            .ToList());
    }

    private static async Task<IResult> DecideAsync(string flag, string verdict, HttpRequest request, ApiAccess access, AuditTrail audit,
        IPolicySource policies, LifecycleReader reader, LifecycleMonitor monitor, CancellationToken ct)
    {
        var policy = policies.Find(flag);
        var document = policy is null ? policies.Flags.FirstOrDefault(f => f.Key == flag) : null;
        if (policy is null && document is null)
            return ApiProblem.Create(404, "flag not found", $"no policy or Flag document in force declares flag '{flag}'");
        var owner = policy?.Metadata.Owner ?? document!.Metadata.Owner;
        var (granted, refusal) = access.Check(request.HttpContext, ApiAction.ReviewDecide, owner, $"flag '{flag}'");
        if (refusal is not null) return refusal;
        if (!Verdicts.Contains(verdict))
            return ApiProblem.Create(404, "unknown verdict", $"'{verdict}' is not one of {string.Join(", ", Verdicts)}");
        DateOnly? until = null;
        var untilText = request.Query["until"].ToString();
        if (verdict == "extend")
        {
            if (!DateOnly.TryParseExact(untilText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                return ApiProblem.Create(400, "until required", $"extend needs until=YYYY-MM-DD, the new review date (was '{untilText}')");
            if (day <= reader.Today)
                return ApiProblem.Create(400, "until in the past", $"until {day:yyyy-MM-dd} must be after today ({reader.Today:yyyy-MM-dd})");
            until = day;
        }
        else if (untilText.Length > 0)
            return ApiProblem.Create(400, "until not allowed", $"until applies to extend only, not to {verdict}");
        var (reason, problem) = await CommandBodyReader.ReadReasonAsync(request, ct);
        if (problem is not null) return problem;

        var (before, _) = policy is null ? await reader.AssessAsync(document!, ct) : await reader.AssessAsync(policy, ct);
        var decision = new ReviewDecision(verdict switch { "delete" => ReviewVerdict.Delete, "extend" => ReviewVerdict.Extend, _ => ReviewVerdict.PromoteToOps },
            until, default, "");
        if (!await audit.RecordAsync(request.HttpContext, granted, ApiAction.ReviewDecide, LifecycleReader.Subject(flag), reason,
                before.ReviewBy is { } by ? $"review by {by:yyyy-MM-dd}" : "no review date", decision.Text, ct))
            return ApiProblem.Create(503, "store unavailable", "the decision was not recorded: the audit log could not be appended to; try again");
        monitor.Recount();
        return Results.Ok(LifecycleView.Of((policy is null ? await reader.AssessAsync(document!, ct) : await reader.AssessAsync(policy, ct)).Assessment));
    }
}
