namespace RolloutController.Notifications;

/// <summary>The outcome recorded with each attempt and used as the <c>outcome</c> metric tag.</summary>
internal static class DeliveryOutcome
{
    public const string Delivered = "delivered";

    /// <summary>This attempt failed and another follows.</summary>
    public const string Failed = "failed";

    /// <summary>A notice held for its route's digest went into it (the digest is recorded as its own delivery).</summary>
    public const string Digested = "digested";

    /// <summary>Given up: permanent error, attempts exhausted or unknown route.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>Metric only: the notice never entered the queue because it was full.</summary>
    public const string Dropped = "dropped";
}
