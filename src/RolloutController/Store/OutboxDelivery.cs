namespace RolloutController.Store;

/// <summary>
/// One notice to one channel of one route, in the outbox: stored in the same transaction as the transition that raised
/// it, delivered by whichever replica claims it (a lease, so exactly one delivers at a time), every attempt recorded.
/// </summary>
/// <param name="NotificationId">Stable for every channel, attempt and restart; receivers de-duplicate on it.</param>
/// <param name="Channel">"webhook[0]": type and position in the route, never the URL.</param>
/// <param name="MessageJson">The message as built when the notice was raised (<c>NotificationMessage</c>).</param>
/// <param name="Status"><see cref="OutboxStatus"/>.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="AttemptsAllowed">Attempts after which it is given up (raised by a manual retry).</param>
/// <param name="NextAttemptAt">When it is due (again).</param>
internal sealed record OutboxDelivery(
    string NotificationId,
    string Route,
    string Channel,
    string FlagKey,
    string Kind,
    string Severity,
    string MessageJson,
    string Status,
    int Attempts,
    int AttemptsAllowed,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
