namespace RolloutController.Api;

/// <summary>
/// <c>GET /api/v1/rollouts</c>: one page of rollouts in flag order. <see cref="Next"/> is the cursor of the next page
/// (pass it as <c>after</c>), null on the last; <see cref="Total"/> counts every rollout matching the filters.
/// </summary>
internal sealed record RolloutPage(IReadOnlyList<RolloutSummary> Rollouts, string? Next, int Total);
