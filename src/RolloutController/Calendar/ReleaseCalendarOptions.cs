namespace RolloutController.Calendar;

/// <summary>The controller-wide freeze calendar. Bound from <c>RolloutController:ReleaseCalendar</c>; read at start-up.</summary>
internal sealed class ReleaseCalendarOptions
{
    public const string SectionName = "RolloutController:ReleaseCalendar";

    /// <summary>Periods in which no rollout advances or starts (rollbacks, aborts and pauses still act). Default none.</summary>
    public List<FreezeOptions> Freezes { get; set; } = [];
}
