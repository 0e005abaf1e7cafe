using Microsoft.AspNetCore.Antiforgery;

namespace RolloutController.Dashboard;

/// <summary>
/// The dashboard's protection against cross-site request forgery: every form carries an antiforgery token bound to the
/// signed-in user and to a cookie of its own (HttpOnly, SameSite=Strict); a form posted without it, or with another
/// one, is refused before anything is read or changed.
/// </summary>
internal static class DashboardForms
{
    public const string TokenField = "__form_token";
    public const string CookieName = "rollout_form";

    public static void Configure(AntiforgeryOptions options)
    {
        options.FormFieldName = TokenField;
        options.HeaderName = null;
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        // The pages set their own, stricter frame options (DashboardResponse): nothing of the dashboard may be framed.
        options.SuppressXFrameOptionsHeader = true;
    }
}
