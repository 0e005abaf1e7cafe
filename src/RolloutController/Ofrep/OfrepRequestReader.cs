using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace RolloutController.Ofrep;

/// <summary>
/// Reads an OFREP request body: malformed JSON (or bytes that are not UTF-8) is PARSE_ERROR; a context that is not an
/// object, or holds a string that is not valid Unicode, INVALID_CONTEXT.
/// </summary>
internal static class OfrepRequestReader
{
    private const string TargetingKeyProperty = "targetingKey";

    /// <summary>
    /// 1 MiB: an evaluation context is a few attributes, so a body beyond this is a client's mistake, refused with 413
    /// before it is parsed (rather than at Kestrel's 30 MB default, after parsing megabytes on every request).
    /// </summary>
    public const long MaxBodyBytes = 1024 * 1024;

    public static async ValueTask<OfrepRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // An empty body is a request without context: enough for flags at 0% or 100%.
        if (request.ContentLength == 0) return default;
        if (request.ContentLength > MaxBodyBytes) return TooLarge(request.ContentLength.Value);

        // A body without a length (chunked) is cut off by the server at the same limit.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;

        OfrepEvaluationRequest? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync(request.Body, OfrepJsonContext.Default.OfrepEvaluationRequest, cancellationToken);
        }
        catch (JsonException e)
        {
            return OfrepRequest.Invalid(OfrepErrorCodes.ParseError, $"The request body is not a valid OFREP request: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(null);
        }

        return Interpret(body);
    }

    private static OfrepRequest TooLarge(long? length) =>
        OfrepRequest.TooLargeBody(
            $"The request body {(length is { } n ? $"is {n} bytes" : "is longer")} than the {MaxBodyBytes} bytes an OFREP request may have here; send the attributes the flags need.");

    public static OfrepRequest Interpret(OfrepEvaluationRequest? body)
    {
        if (body is null)
            return OfrepRequest.Invalid(OfrepErrorCodes.ParseError, "The request body must be a JSON object, got null.");

        var context = body.Context;
        if (context.ValueKind == JsonValueKind.Undefined) return default;
        if (context.ValueKind != JsonValueKind.Object)
            return OfrepRequest.Invalid(OfrepErrorCodes.InvalidContext, $"The context must be a JSON object, got {context.ValueKind}.");
        if (OfrepContextText.Check(context) is { } unreadable) return unreadable;

        if (!context.TryGetProperty(TargetingKeyProperty, out var key) || key.ValueKind == JsonValueKind.Null)
            return new OfrepRequest(context, null, null, null);
        if (key.ValueKind != JsonValueKind.String)
            return OfrepRequest.Invalid(OfrepErrorCodes.InvalidContext, $"The context's targetingKey must be a string, got {key.ValueKind}.");

        return new OfrepRequest(context, key.GetString(), null, null);
    }
}
