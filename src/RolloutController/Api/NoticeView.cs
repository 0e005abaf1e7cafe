namespace RolloutController.Api;

/// <summary>
/// One notice to one channel, as <c>GET /api/v1/notices</c> shows it: <see cref="Id"/> is the notification id receivers
/// de-duplicate on; <see cref="Status"/> is <c>pending</c>, <c>delivered</c> or <c>abandoned</c>.
/// </summary>
internal sealed record NoticeView(
    string Id,
    string Flag,
    string Kind,
    string Severity,
    string Route,
    string Channel,
    string Status,
    int Attempts,
    int AttemptsAllowed,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
