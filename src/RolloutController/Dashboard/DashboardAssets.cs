using System.Security.Cryptography;

namespace RolloutController.Dashboard;

/// <summary>
/// The dashboard's stylesheet and scripts, committed as they are served (<c>Dashboard/Assets</c>, no build step) and
/// embedded in the program, so the dashboard needs no files beside it. Served with a content hash as ETag.
/// </summary>
internal static class DashboardAssets
{
    public static void Map(IEndpointRouteBuilder app)
    {
        Serve(app, DashboardLayout.StylePath, "style.css", "text/css; charset=utf-8");
        Serve(app, DashboardLayout.ScriptPath, "live.js", "text/javascript; charset=utf-8");
        Serve(app, DashboardLayout.CountdownScriptPath, "countdown.js", "text/javascript; charset=utf-8");
    }

    private static void Serve(IEndpointRouteBuilder app, string path, string name, string contentType)
    {
        var bytes = Read(name);
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"";
        app.MapGet(path, (HttpContext context) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.ETag = etag;
            context.Response.Headers.CacheControl = "no-cache";
            return context.Request.Headers.IfNoneMatch == etag ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(bytes, contentType);
        });
    }

    public static byte[] Read(string name)
    {
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream($"dashboard/{name}")
            ?? throw new InvalidOperationException($"the dashboard asset '{name}' is not embedded in the program (see RolloutController.csproj)");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
