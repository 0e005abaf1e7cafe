using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using RolloutController.Flags;
using RolloutController.Telemetry;

namespace RolloutController.Ofrep;

/// <summary>The two OFREP evaluation endpoints over the flag catalog. See docs/ofrep.md for the contract.</summary>
/// <param name="events">The event stream bulk responses advertise; none when the host serves none.</param>
internal sealed class OfrepHandler(IFlagCatalog catalog, ControllerMetrics metrics, ILogger<OfrepHandler> logger, OfrepEventStream? events = null)
{
    public const string KeyRouteValue = "key";

    /// <summary><c>POST /ofrep/v1/evaluate/flags/{key}</c>: 200, 400 or 404 with an OFREP body.</summary>
    public Task EvaluateFlagAsync(HttpContext http) => GuardAsync(http, EvaluateFlagCoreAsync);

    /// <summary><c>POST /ofrep/v1/evaluate/flags</c>: 200 with an ETag, 304 when If-None-Match lists it, or 400.</summary>
    public Task EvaluateFlagsAsync(HttpContext http) => GuardAsync(http, EvaluateFlagsCoreAsync);

    private async Task EvaluateFlagCoreAsync(HttpContext http)
    {
        var key = http.Request.RouteValues[KeyRouteValue] as string ?? "";
        var request = await OfrepRequestReader.ReadAsync(http.Request, http.RequestAborted);
        if (request.TooLarge)
        {
            await WriteTooLargeAsync(http, request);
            return;
        }
        if (request.IsError)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, OfrepFlagResult.Failure(key, request.ErrorCode!, request.ErrorDetails),
                OfrepJsonContext.Default.OfrepFlagResult);
            return;
        }

        var snapshot = catalog.Current;
        if (!snapshot.Servable.TryGetValue(key, out var flag))
        {
            // Not counted: the key comes from the caller and would give the metric unbounded cardinality.
            await WriteAsync(http, StatusCodes.Status404NotFound,
                OfrepFlagResult.Failure(key, OfrepErrorCodes.FlagNotFound, "No flag with this key is served."),
                OfrepJsonContext.Default.OfrepFlagResult);
            return;
        }

        var evaluation = Evaluate(flag, request);
        await WriteAsync(http, evaluation.IsError ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK,
            OfrepFlagResult.For(flag, snapshot.Flags.GetValueOrDefault(key), evaluation), OfrepJsonContext.Default.OfrepFlagResult);
    }

    private async Task EvaluateFlagsCoreAsync(HttpContext http)
    {
        var request = await OfrepRequestReader.ReadAsync(http.Request, http.RequestAborted);
        if (request.TooLarge)
        {
            await WriteTooLargeAsync(http, request);
            return;
        }
        if (request.IsError)
        {
            await WriteAsync(http, StatusCodes.Status400BadRequest, new OfrepBulkFailure(request.ErrorCode!, request.ErrorDetails),
                OfrepJsonContext.Default.OfrepBulkFailure);
            return;
        }

        var snapshot = catalog.Current;
        var etag = BulkETag.Compute(snapshot.ETag, request.Context);
        http.Response.Headers.ETag = etag;
        if (BulkETag.Matches(http.Request.Headers.IfNoneMatch, etag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var flags = snapshot.Servable.Values.ToArray();
        Array.Sort(flags, static (a, b) => string.CompareOrdinal(a.Key, b.Key));

        var results = new OfrepFlagResult[flags.Length];
        for (var i = 0; i < flags.Length; i++)
            results[i] = OfrepFlagResult.For(flags[i], snapshot.Flags.GetValueOrDefault(flags[i].Key), Evaluate(flags[i], request));

        await WriteAsync(http, StatusCodes.Status200OK, new OfrepBulkResponse(results, events?.LinkFor(http.Request)), OfrepJsonContext.Default.OfrepBulkResponse);
    }

    private FlagEvaluation Evaluate(ServableFlag flag, OfrepRequest request)
    {
        var evaluation = OfrepEvaluator.Evaluate(flag, request.TargetingKey, request.Context);
        metrics.OfrepEvaluations.Add(1,
            new KeyValuePair<string, object?>("flag", flag.Key),
            new KeyValuePair<string, object?>("variant", evaluation.Variant),
            new KeyValuePair<string, object?>("reason", evaluation.Reason));
        return evaluation;
    }

    private async Task GuardAsync(HttpContext http, Func<HttpContext, Task> handle)
    {
        try
        {
            await handle(http);
        }
        // Client aborts and Kestrel's own request errors (body too large, bad framing) keep their usual handling.
        catch (Exception e) when (e is not (OperationCanceledException or BadHttpRequestException)
                                  && !http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted)
        {
            OfrepLog.EvaluationFailed(logger, e, http.Request.Path);
            http.Response.Headers.ETag = default;
            await WriteAsync(http, StatusCodes.Status500InternalServerError,
                new OfrepGeneralError("The flag catalog could not be evaluated; see the controller's log."),
                OfrepJsonContext.Default.OfrepGeneralError);
        }
    }

    private static Task WriteTooLargeAsync(HttpContext http, OfrepRequest request) =>
        WriteAsync(http, StatusCodes.Status413PayloadTooLarge, new OfrepGeneralError(request.ErrorDetails!), OfrepJsonContext.Default.OfrepGeneralError);

    private static Task WriteAsync<T>(HttpContext http, int status, T body, JsonTypeInfo<T> typeInfo)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(body, typeInfo, contentType: null, http.RequestAborted);
    }
}
