namespace RolloutController.Lifecycle;

/// <summary>One line of the monthly review (<c>GET /api/v1/reviews</c>, <c>rolloutctl review</c>).</summary>
/// <param name="AgeDays">Whole days since the rollout last started (a flag document: since its last revision); null when the audit log has none.</param>
/// <param name="LastChange">The rollout's last stored change.</param>
/// <param name="Phase">The rollout's phase; <see cref="NoRollout"/> for a flag no policy drives.</param>
internal sealed record ReviewItem(
    string Flag, string Owner, string Phase, decimal Weight, int? AgeDays, DateTimeOffset? LastChange, LifecycleView Lifecycle)
{
    /// <summary>The phase of a flag no policy drives (a <c>kind: Flag</c> document); its age and last change are its document's.</summary>
    public const string NoRollout = "none";
}
