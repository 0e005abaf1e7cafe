namespace RolloutController.Notifications;

/// <summary>The outcome of one delivery attempt, failures included, as data.</summary>
/// <param name="StatusCode">HTTP status, or for e-mail the SMTP reply code, when the receiver answered.</param>
/// <param name="Error">What went wrong, when it did; never contains the channel's secret or full URL.</param>
/// <param name="RetryAfter">The receiver's <c>Retry-After</c>, when it sent one.</param>
internal sealed record DeliveryResult(DeliveryStatus Status, int? StatusCode, string? Error, TimeSpan? RetryAfter = null)
{
    public static DeliveryResult Delivered(int statusCode) => new(DeliveryStatus.Delivered, statusCode, null);

    public static DeliveryResult Unreachable(string error) => new(DeliveryStatus.Retryable, null, error);

    /// <summary>Classifies an HTTP answer: 2xx delivered; 408, 429 and 5xx retryable; everything else permanent.</summary>
    public static DeliveryResult FromStatus(int statusCode, TimeSpan? retryAfter, string? responseExcerpt)
    {
        if (statusCode is >= 200 and < 300) return Delivered(statusCode);
        var error = string.IsNullOrWhiteSpace(responseExcerpt) ? $"HTTP {statusCode}" : $"HTTP {statusCode}: {responseExcerpt}";
        var retryable = statusCode is 408 or 429 or >= 500;
        return new(retryable ? DeliveryStatus.Retryable : DeliveryStatus.Permanent, statusCode, error, retryAfter);
    }
}
