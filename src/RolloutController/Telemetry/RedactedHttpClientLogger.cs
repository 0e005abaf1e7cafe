using Microsoft.Extensions.Http.Logging;

namespace RolloutController.Telemetry;

/// <summary>
/// Logs an outgoing request with the origin of its URL only (scheme, host, port): no path, query or user info, and no
/// headers. It replaces HttpClientFactory's own loggers, which write the whole URL at Information and in a scope, where
/// a Slack webhook URL (whose path is the credential) would end up; header values are never logged either way.
/// </summary>
internal sealed class RedactedHttpClientLogger(ILogger logger) : IHttpClientLogger
{
    public object? LogRequestStart(HttpRequestMessage request) => null;

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed) =>
        HttpClientLog.Answered(logger, request.Method.Method, Origin(request.RequestUri), (int)response.StatusCode, elapsed.TotalMilliseconds);

    // The exception's type and request error only: a message may quote what it was given.
    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed) =>
        HttpClientLog.Failed(logger, request.Method.Method, Origin(request.RequestUri), elapsed.TotalMilliseconds,
            exception is HttpRequestException { HttpRequestError: var error } ? $"{exception.GetType().Name} ({error})" : exception.GetType().Name);

    /// <summary><c>https://hooks.slack.com:443</c> for any URL on that host; <c>(none)</c> without one.</summary>
    public static string Origin(Uri? uri) =>
        uri is { IsAbsoluteUri: true } ? $"{uri.Scheme}://{uri.Host}:{uri.Port}" : "(none)";
}
