namespace RolloutController.Dashboard;

/// <summary>
/// How the dashboard answers a request its policies refused (decided by <see cref="Api.ApiRefusalHandler"/>, which
/// counts and logs it like any API refusal): not signed in, a page is sent to sign-in and back; a form is refused (401);
/// signed in without the role, a page saying which role is needed (403).
/// </summary>
internal static class DashboardRefusal
{
    public static IResult For(HttpContext context, bool forbidden, string name, string role)
    {
        if (forbidden) return DashboardResponse.Page(context, RefusalPage.Forbidden(name, role), StatusCodes.Status403Forbidden);
        if (context.Request.Cookies.ContainsKey(DashboardSession.CookieName)) DashboardSession.SignOut(context.Response);
        var back = LoginPage.SafeReturn(context.Request.Path + context.Request.QueryString);
        if (HttpMethods.IsGet(context.Request.Method)) return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(back));
        return DashboardResponse.Page(context, RefusalPage.SignInNeeded(role), StatusCodes.Status401Unauthorized);
    }
}
