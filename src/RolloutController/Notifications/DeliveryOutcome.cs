namespace RolloutController.Notifications;

/// <summary>The outcome recorded with each attempt and used as the <c>outcome</c> metric tag.</summary>
internal static class DeliveryOutcome
{
    public const string Delivered = "delivered";

    /// <summary>This attempt failed and another follows.</summary>
    public const string Failed = "failed";

    /// <summary>Given up: permanent error, attempts exhausted or unknown route.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>Metric only: the notice never entered the queue because it was full.</summary>
    public const string Dropped = "dropped";
}
