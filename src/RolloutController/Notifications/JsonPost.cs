using System.Net.Http.Headers;

namespace RolloutController.Notifications;

/// <summary>
/// One JSON POST with a timeout, its answer classified into a <see cref="DeliveryResult"/>. Shared by the HTTP channels.
/// Errors name the host only: Slack webhook URLs carry their secret in the path. A channel whose receiver answers errors in
/// a known shape passes <c>describeError</c> to turn the body into its error text.
/// </summary>
internal static class JsonPost
{
    private const int ResponseExcerptLength = 200;

    public static async Task<DeliveryResult> SendAsync(
        HttpClient client,
        Uri url,
        byte[] body,
        Action<HttpRequestHeaders> addHeaders,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken,
        Func<string, string>? describeError = null)
    {
        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        addHeaders(request.Headers);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return DeliveryResult.Delivered(status);
            var text = await response.Content.ReadAsStringAsync(linked.Token);
            return DeliveryResult.FromStatus(status, RetryAfter(response.Headers.RetryAfter, timeProvider), Excerpt(describeError?.Invoke(text) ?? text));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Unreachable($"no answer from {url.Host} within {timeout.TotalSeconds:0.###}s");
        }
        catch (HttpRequestException e)
        {
            return DeliveryResult.Unreachable($"cannot reach {url.Host}: {e.HttpRequestError} ({e.InnerException?.Message ?? e.Message})");
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeProvider timeProvider) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - timeProvider.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static string Excerpt(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= ResponseExcerptLength ? oneLine : oneLine[..ResponseExcerptLength] + "…";
    }
}
