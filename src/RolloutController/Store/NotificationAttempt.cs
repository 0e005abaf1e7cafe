namespace RolloutController.Store;

/// <summary>One delivery attempt of one notification to one channel of a route.</summary>
/// <param name="NotificationId">Same for every attempt of the same notification to the same channel.</param>
/// <param name="Attempt">1-based.</param>
/// <param name="Outcome">"delivered", "failed" (will retry) or "abandoned" (gave up).</param>
/// <param name="Error">What went wrong, when it did.</param>
internal sealed record NotificationAttempt(
    string NotificationId,
    string FlagKey,
    string Kind,
    string Route,
    string Channel,
    int Attempt,
    string Outcome,
    int? StatusCode,
    string? Error,
    DateTimeOffset At);
