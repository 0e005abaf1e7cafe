namespace RolloutController.Lifecycle;

/// <summary>One line of the monthly review (<c>GET /api/v1/reviews</c>, <c>rolloutctl review</c>).</summary>
/// <param name="AgeDays">Whole days since the rollout last started; null when the audit log has no start.</param>
/// <param name="LastChange">The rollout's last stored change.</param>
internal sealed record ReviewItem(
    string Flag, string Owner, string Phase, decimal Weight, int? AgeDays, DateTimeOffset? LastChange, LifecycleView Lifecycle);
