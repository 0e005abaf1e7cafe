namespace RolloutController.Notifications;

/// <summary>One notice inside a digest: which rollout, what happened and when.</summary>
/// <param name="NotificationId">The held notice's own id (it is never sent by itself).</param>
internal sealed record DigestEntry(string NotificationId, string FlagKey, string Owner, string Summary, string StageText, string WeightText, DateTimeOffset At);
