namespace RolloutController.Dashboard;

/// <summary>The data of a dashboard change event: the flags whose served state may have changed, and the feed's sequence.</summary>
internal sealed record DashboardChange(IReadOnlyList<string> Flags, long Sequence);
