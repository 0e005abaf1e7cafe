namespace RolloutController.Store;

/// <summary>Where an <see cref="OutboxDelivery"/> stands.</summary>
internal static class OutboxStatus
{
    /// <summary>Not delivered yet; due at its next attempt time.</summary>
    public const string Pending = "pending";

    public const string Delivered = "delivered";

    /// <summary>An info notice batched for its route's digest; due when the digest period ends. Never sent by itself.</summary>
    public const string Held = "held";

    /// <summary>A held notice that went into a digest (the digest is its own delivery).</summary>
    public const string Digested = "digested";

    /// <summary>Given up (attempts exhausted, a permanent error, an unknown route); kept, listed and re-sendable.</summary>
    public const string Abandoned = "abandoned";

    /// <summary>Every status, in the order a delivery usually passes through them; what <c>rolloutctl notices --status</c> accepts.</summary>
    public static readonly string[] All = [Pending, Held, Digested, Delivered, Abandoned];
}
