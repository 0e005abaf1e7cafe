using RolloutController.Flags;
using RolloutController.Ofrep;

namespace RolloutController.Api;

/// <summary>
/// <c>GET /api/v1/export/flagd</c> (read access): the whole flag set as served right now — declared flags, the implicit
/// flags of policies with their current weights, kill switches — as one flagd flag-definition document
/// (<see cref="FlagdDocument"/>), for flagd's HTTP sync or an in-process flagd provider. The ETag is the catalog's, so a
/// poller sending <c>If-None-Match</c> gets <c>304</c> until something served changes.
/// </summary>
internal static class FlagSetExportApi
{
    /// <summary>The export formats, as <c>rolloutctl export --format</c> and the path name them.</summary>
    public static readonly string[] Formats = ["flagd"];

    public static IEndpointRouteBuilder MapFlagSetExportApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/v1").RequireAuthorization(ApiPolicies.Read).MapGet("/export/{format}", Export);
        return app;
    }

    /// <summary>The handler, also mapped without authentication by the tests that compare the export with OFREP.</summary>
    internal static IResult Export(string format, HttpContext http, IFlagCatalog catalog)
    {
        if (!Formats.Contains(format))
            return ApiProblem.Create(404, "unknown export format", $"'{format}' is not one of {string.Join(", ", Formats)}");
        var snapshot = catalog.Current;
        http.Response.Headers.ETag = snapshot.ETag;
        if (BulkETag.Matches(http.Request.Headers.IfNoneMatch, snapshot.ETag)) return Results.StatusCode(StatusCodes.Status304NotModified);
        var document = FlagdDocument.Build(snapshot.Servable, snapshot.ETag.Trim('"'));
        return Results.Text(FlagdDocument.ToText(document), "application/json");
    }
}
