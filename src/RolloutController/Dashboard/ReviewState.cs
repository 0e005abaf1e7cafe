namespace RolloutController.Dashboard;

/// <summary>Where a flag stands against its review date (<see cref="ReviewDue"/>).</summary>
internal enum ReviewState
{
    /// <summary>No review date (ops and permission flags need none).</summary>
    None,
    Later,
    DueSoon,
    Overdue,
}
