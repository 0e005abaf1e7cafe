namespace RolloutController.Rollouts;

/// <summary>What a notification is about.</summary>
internal enum NoticeKind
{
    Started,
    Advanced,
    Completed,
    RolledBack,
    Paused,
    Resumed,
    Aborted,
    Restarted,
}
