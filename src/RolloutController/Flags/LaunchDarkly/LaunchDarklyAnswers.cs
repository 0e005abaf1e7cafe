using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace RolloutController.Flags.LaunchDarkly;

/// <summary>
/// LaunchDarkly's error answers in words (its REST API documents 400, 401, 403, 404, 405, 409 and 429 with a JSON body
/// <c>{"code": ..., "message": ...}</c>), and how long a <c>429</c> asks to wait.
/// </summary>
internal static class LaunchDarklyAnswers
{
    /// <summary>The failure to record for an answer with <paramref name="status"/>, naming what LaunchDarkly said.</summary>
    public static string Failure(string what, int status, string body, string project, string environment)
    {
        var said = Message(body);
        return status switch
        {
            405 => $"{what}: 405 approval required: changes to this flag in environment '{environment}' need an approval request in LaunchDarkly, " +
                   $"which the controller does not create; remove the approval requirement for its token or apply the change by hand{said}",
            409 => $"{what}: 409 conflict: the flag changed while it was written; it is read again{said}",
            400 => $"{what}: 400 refused: the change conflicts with a pending scheduled change or approval request, or is invalid{said}",
            401 => $"{what}: 401 the access token was refused (revoked or expired){said}",
            403 => $"{what}: 403 the access token may not change flags in project '{project}', environment '{environment}'{said}",
            404 => $"{what}: 404 not found (does the flag exist in project '{project}'?){said}",
            429 => $"{what}: 429 rate limited{said}",
            _ => $"{what}: {status}{said}",
        };
    }

    /// <summary>
    /// How long a <c>429</c> asks to wait: <c>Retry-After</c> (seconds or a date), else <c>X-Ratelimit-Reset</c> (when the
    /// window resets, in Unix epoch milliseconds); null when neither says.
    /// </summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } retry)
        {
            if (retry.Delta is { } delta) return delta;
            if (retry.Date is { } date) return date > now ? date - now : TimeSpan.Zero;
        }
        if (headers.TryGetValues("X-Ratelimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms))
        {
            var reset = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return reset > now ? reset - now : TimeSpan.Zero;
        }
        return null;
    }

    // ": <message>" from LaunchDarkly's error body, cut short; empty when it has none.
    private static string Message(string body)
    {
        string? message;
        try
        {
            message = (string?)JsonNode.Parse(body)?["message"];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            message = body.Trim();
        }
        if (string.IsNullOrWhiteSpace(message)) return "";
        return ": " + (message.Length > 300 ? message[..300] + "…" : message);
    }
}
