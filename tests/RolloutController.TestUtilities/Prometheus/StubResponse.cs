namespace RolloutController.TestUtilities.Prometheus;

/// <summary>One scripted answer of <see cref="StubHttpServer"/>.</summary>
/// <param name="StatusCode">HTTP status code.</param>
/// <param name="Body">Response body.</param>
/// <param name="Delay">Wait before answering (to trigger client timeouts).</param>
/// <param name="ContentType">Response content type.</param>
/// <param name="Headers">Further response headers, e.g. <c>Retry-After</c>.</param>
public sealed record StubResponse(int StatusCode, string Body, TimeSpan Delay = default, string ContentType = "application/json",
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public static StubResponse Json(string body) => new(200, body);

    public static StubResponse Status(int statusCode, string body = "") => new(statusCode, body, ContentType: "text/plain");
}
