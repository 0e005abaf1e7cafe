namespace RolloutController.Store;

/// <summary>Where an <see cref="OutboxDelivery"/> stands.</summary>
internal static class OutboxStatus
{
    /// <summary>Not delivered yet; due at its next attempt time.</summary>
    public const string Pending = "pending";

    public const string Delivered = "delivered";

    /// <summary>Given up (attempts exhausted, a permanent error, an unknown route); kept, listed and re-sendable.</summary>
    public const string Abandoned = "abandoned";
}
