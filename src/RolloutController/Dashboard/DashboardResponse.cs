using System.Text;

namespace RolloutController.Dashboard;

/// <summary>
/// How every dashboard page is answered: HTML, never cached, never framed, and a content security policy that allows
/// only the dashboard's own stylesheet and script (no inline script, no other origin), so injected markup could not run.
/// </summary>
internal static class DashboardResponse
{
    public const string SecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Page(HttpContext context, string html, int status = StatusCodes.Status200OK)
    {
        Secure(context.Response);
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static void Secure(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = SecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers.CacheControl = "no-store";
    }
}
