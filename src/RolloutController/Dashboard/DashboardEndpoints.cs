using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using RolloutController.Api;
using RolloutController.Engine;
using RolloutController.Flags;
using RolloutController.PolicyFiles;
using RolloutController.Rollouts;
using RolloutController.Store;

namespace RolloutController.Dashboard;

/// <summary>
/// The web dashboard at <c>/</c>, on the API's listen address: server-rendered pages under the API's read rule
/// (<see cref="ApiPolicies.DashboardRead"/>), sign-in with an API token, and the static stylesheet and script.
/// </summary>
internal static class DashboardEndpoints
{
    /// <summary>Measurements read for a rollout's charts and rounds: the latest 1,000 (of every guardrail together).</summary>
    public const int ChartMeasurements = 1000;

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ListAsync).RequireAuthorization(ApiPolicies.DashboardRead);
        app.MapGet("/rollouts/{flag}", RolloutAsync).RequireAuthorization(ApiPolicies.DashboardRead);
        app.MapGet("/policies", PoliciesAsync).RequireAuthorization(ApiPolicies.DashboardRead);
        app.MapGet("/review", ReviewAsync).RequireAuthorization(ApiPolicies.DashboardRead);
        app.MapPost("/rollouts/{flag}", ActAsync).RequireAuthorization(ApiPolicies.DashboardCommand);
        app.MapPost("/logout", LogoutAsync).RequireAuthorization(ApiPolicies.DashboardRead);
        app.MapGet(DashboardEvents.Path, (HttpContext context, DashboardEvents events) => events.HandleAsync(context))
            .RequireAuthorization(ApiPolicies.DashboardRead);
        app.MapGet("/login", Login);
        app.MapPost("/login", LoginAsync);
        DashboardAssets.Map(app);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, KnownRollouts known, PendingSafetyMoves pending, IPolicySource policies,
        IFlagCatalog catalog, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var filter = FlagFilter.Parse(context.Request.Query, out var errors);
        var rows = FlagRows.Build(Served(known, pending), policies, catalog.Current.Servable, now);
        return DashboardResponse.Page(context, FlagListPage.Render(rows, filter, errors, DateOnly.FromDateTime(now.UtcDateTime), await ViewerAsync(context)));
    }

    private static async Task<IResult> ReviewAsync(HttpContext context, KnownRollouts known, PendingSafetyMoves pending, IPolicySource policies,
        IFlagCatalog catalog, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var rows = FlagRows.Build(Served(known, pending), policies, catalog.Current.Servable, now);
        return DashboardResponse.Page(context, ReviewPage.Render(rows, DateOnly.FromDateTime(now.UtcDateTime), await ViewerAsync(context)));
    }

    /// <summary>
    /// Every rollout as it is seen (<see cref="SeenRollouts"/>): a safety move waiting to be stored instead of the stored
    /// state it replaces, as on the rollout page and in the API, so a rollback shows on the list as soon as it is pushed.
    /// </summary>
    private static IEnumerable<(RolloutState State, DateTimeOffset? WatchedSince)> Served(KnownRollouts known, PendingSafetyMoves pending) =>
        SeenRollouts.All(known, pending).Select(r => (r.State, r.WatchedSince));

    private static async Task<IResult> PoliciesAsync(HttpContext context, PolicyRegistry registry) =>
        DashboardResponse.Page(context, PoliciesPage.Render(PolicyStatus.Of(registry), await ViewerAsync(context)));

    private static async Task<IResult> RolloutAsync(string flag, HttpContext context, IRolloutStore store, KnownRollouts known,
        PendingSafetyMoves pending, IPolicySource policies, IFlagBackend flags, Calendar.FreezeCalendar calendar, TimeProvider time, CancellationToken ct)
    {
        if (await ModelAsync(flag, store, known, pending, policies, flags, calendar, time, ct, context.RequestServices) is not { } model)
            return DashboardResponse.Page(context, RefusalPage.NotFound(flag), StatusCodes.Status404NotFound);
        return DashboardResponse.Page(context, RolloutPage.Render(model, await ViewerAsync(context)));
    }

    /// <summary>
    /// An action from the rollout page's form: the form token first, then the same authorization (role and owner scope),
    /// reason rule and command path as <c>POST /api/v1/rollouts/{flag}/{action}</c>; answered with the page as it is after.
    /// </summary>
    private static async Task<IResult> ActAsync(string flag, HttpContext context, IAntiforgery antiforgery, ApiAccess access,
        RolloutEngine engine, Scheduling.RolloutScheduler scheduler, IRolloutStore store, KnownRollouts known, PendingSafetyMoves pending,
        IPolicySource policies, IFlagBackend flags, Calendar.FreezeCalendar calendar, TimeProvider time, ILogger<DashboardSession> logger, CancellationToken ct)
    {
        if (await RejectedFormAsync(context, antiforgery, logger) is { } rejected) return rejected;
        var form = await context.Request.ReadFormAsync(ct);
        var draft = form["reason"].ToString();
        if (policies.Find(flag) is not { } policy)
            return DashboardResponse.Page(context, RefusalPage.NotFound(flag), StatusCodes.Status404NotFound);
        // An include button carries the segment it includes again; every other button names its action.
        var segmentText = form[RolloutPage.IncludeField].ToString();
        var action = segmentText.Length > 0 && form["action"].Count == 0 ? "include" : form["action"].ToString();
        var segment = SegmentInclusion.Parse(segmentText);
        string message;
        int status;
        if (!RolloutCommands.TryParse(action, out var command))
            (message, status) = (Banner.Error($"'{action}' is not one of {string.Join(", ", RolloutCommands.Names)}: nothing was changed."), 400);
        else if (access.Check(context, RolloutCommands.ActionOf(command), policy.Metadata.Owner, $"flag '{flag}'").Decision is var decision && !decision.Granted)
            (message, status) = (Banner.Error($"Your token may not {command.ToString().ToLowerInvariant()} this rollout: it needs the " +
                $"'{decision.NeededRole}' role for {policy.Metadata.Owner}. Nothing was changed."), 403);
        else if (command == RolloutCommand.Include && segment is null)
            (message, status) = (Banner.Error($"'{segmentText}' is not a segment (plan=enterprise, or as the excluded segments list it): nothing was changed."), 400);
        else if (CommandRequest.CheckReason(draft) is { Problem: not ReasonProblem.None } bad)
            (message, status) = (Banner.Error(bad.Problem == ReasonProblem.Missing
                ? "A reason is required: every change is recorded with who made it and why. Nothing was changed."
                : $"The reason has {bad.Length} characters; at most {CommandRequest.MaxReasonLength} are recorded. Nothing was changed."), 400);
        else
        {
            var run = await RolloutCommands.RunAsync(policy, command, context.User.Identity!.Name!, decision.Grant!.ClaimValue,
                CommandRequest.CheckReason(draft).Reason, engine, scheduler, ct, RolloutCommands.Memberships(context.User), segment,
                context.RequestServices);
            (message, status) = Banner.Of(command, run);
            if (run.Kind is RolloutCommandResult.Done or RolloutCommandResult.NotStored) draft = null;
        }
        if (await ModelAsync(flag, store, known, pending, policies, flags, calendar, time, ct, context.RequestServices) is not { } model)
            return DashboardResponse.Page(context, RefusalPage.NotFound(flag), StatusCodes.Status404NotFound);
        return DashboardResponse.Page(context, RolloutPage.Render(model, await ViewerAsync(context), message, draft), status);
    }

    /// <summary>The rollout page's model, read like <c>GET /api/v1/rollouts/{flag}</c> with more measurements; null when there is no such rollout.</summary>
    public static async Task<RolloutPageModel?> ModelAsync(string flag, IRolloutStore store, KnownRollouts known,
        PendingSafetyMoves pending, IPolicySource policies, IFlagBackend flags, Calendar.FreezeCalendar calendar, TimeProvider time, CancellationToken ct,
        IServiceProvider? services = null)
    {
        if (policies.Find(flag) is not { } policy) return null;
        var (seen, note) = await RolloutReads.CurrentAsync(flag, store, known, pending, time, ct);
        if (seen is null) return null;
        var record = await RolloutReads.RecordAsync(store, flag, ChartMeasurements, time, ct);
        var notes = string.Join("; ", new[] { note, record.Note }.Where(n => n is not null));
        var platforms = services?.GetService<Flags.Platforms.PlatformSync>();
        var detail = RolloutViews.Detail(policy, seen.State, record.Measurements, record.Transitions, record.Notifications, time.GetUtcNow(),
            seen.WatchedSince, flags.PrerequisitesOf(flag), calendar.Periods, seen.NotStoredSince, PlatformView.LastObservation(platforms, flag)) with
        {
            Note = notes.Length == 0 ? null : notes, Platform = PlatformView.Of(platforms, flag),
        };
        return new RolloutPageModel(detail, policy, record.Measurements);
    }

    /// <summary>Who is looking, from the session the page's policy authenticated; a stale session cookie is dropped.</summary>
    public static async Task<DashboardViewer> ViewerAsync(HttpContext context)
    {
        var user = context.User;
        var signedIn = user.Identity is { IsAuthenticated: true, AuthenticationType: DashboardSession.SchemeName };
        if (!signedIn && context.Request.Cookies.ContainsKey(DashboardSession.CookieName)) DashboardSession.SignOut(context.Response);
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        var canAct = signedIn && (await authorization.AuthorizeAsync(user, ApiPolicies.DashboardCommand)).Succeeded;
        var caller = ApiCaller.From(user);
        var holds = caller.Grants.Count == 0 ? null : string.Join(", ", caller.Grants);
        var token = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!;
        return new DashboardViewer(signedIn ? caller : null, holds, canAct, token);
    }

    private static IResult Login(HttpContext context, IAntiforgery antiforgery, string? returnUrl = null) =>
        DashboardResponse.Page(context, LoginPage.Render(antiforgery.GetAndStoreTokens(context).RequestToken!, LoginPage.SafeReturn(returnUrl), null));

    private static async Task<IResult> LoginAsync(HttpContext context, IAntiforgery antiforgery, IOptionsMonitor<ApiOptions> api, ILogger<DashboardSession> logger)
    {
        if (await RejectedFormAsync(context, antiforgery, logger) is { } rejected) return rejected;
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var returnUrl = LoginPage.SafeReturn(form["returnUrl"]);
        var presented = form["token"].ToString().Trim();
        if (presented.Length == 0 || ApiTokenMatcher.Match(api.CurrentValue.Tokens, presented) is not { } token)
        {
            DashboardLog.SignInRefused(logger);
            var error = presented.Length == 0 ? "Enter an API token." : "This token is not one the controller accepts (RolloutController:Api:Tokens).";
            return DashboardResponse.Page(context, LoginPage.Render(antiforgery.GetAndStoreTokens(context).RequestToken!, returnUrl, error),
                StatusCodes.Status401Unauthorized);
        }
        DashboardSession.SignIn(context.Response, presented);
        DashboardLog.SignedIn(logger, token.Name, token.Grants.Count == 0 ? "no role" : string.Join(", ", token.Grants));
        return Results.Redirect(returnUrl, permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, IAntiforgery antiforgery, ILogger<DashboardSession> logger)
    {
        if (await RejectedFormAsync(context, antiforgery, logger) is { } rejected) return rejected;
        DashboardSession.SignOut(context.Response);
        return Results.Redirect("/");
    }

    /// <summary>
    /// Refuses a form that does not carry the antiforgery token of this dashboard for this user (400), before anything
    /// of it is used; null when it does. Bodies over <see cref="CommandBodyReader.MaxBytes"/> are refused (413) unread.
    /// </summary>
    public static async Task<IResult?> RejectedFormAsync(HttpContext context, IAntiforgery antiforgery, ILogger logger)
    {
        if (context.Request.ContentLength is not { } length || length > CommandBodyReader.MaxBytes || !context.Request.HasFormContentType)
        {
            DashboardLog.FormRejected(logger, context.Request.Method, context.Request.Path.Value ?? "");
            return DashboardResponse.Page(context, RefusalPage.FormRejected(),
                context.Request.ContentLength > CommandBodyReader.MaxBytes ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }
        if (await antiforgery.IsRequestValidAsync(context)) return null;
        DashboardLog.FormRejected(logger, context.Request.Method, context.Request.Path.Value ?? "");
        return DashboardResponse.Page(context, RefusalPage.FormRejected(), StatusCodes.Status400BadRequest);
    }
}
