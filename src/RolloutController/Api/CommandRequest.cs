namespace RolloutController.Api;

/// <summary>Body of a mutating call. The reason is required and recorded with the actor and the time.</summary>
internal sealed record CommandRequest(string? Reason)
{
    /// <summary>
    /// Longest reason recorded, in characters (Unicode code points) after trimming: enough for a sentence and a ticket
    /// link; the history, notifications and <c>rolloutctl status</c> all show it whole.
    /// </summary>
    public const int MaxReasonLength = 1_000;
}
