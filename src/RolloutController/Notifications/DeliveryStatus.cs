namespace RolloutController.Notifications;

/// <summary>How one delivery attempt ended.</summary>
internal enum DeliveryStatus
{
    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>5xx, 408, 429, a timeout or a connection error: worth trying again.</summary>
    Retryable,

    /// <summary>Any other 4xx (or 1xx/3xx): the request itself is wrong, trying again cannot help.</summary>
    Permanent,
}
