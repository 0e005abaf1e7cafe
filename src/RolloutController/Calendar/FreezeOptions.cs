namespace RolloutController.Calendar;

/// <summary>One freeze: <c>{"From": "2026-12-20", "To": "2027-01-04", "Reason": "year-end freeze", "TimeZone": "Europe/Berlin"}</c>.</summary>
internal sealed class FreezeOptions
{
    /// <summary>First day of the freeze, <c>YYYY-MM-DD</c>; it begins at midnight at the start of that day. Required.</summary>
    public string? From { get; set; }

    /// <summary>Last day of the freeze, <c>YYYY-MM-DD</c>, on or after <see cref="From"/>; it ends at midnight at the end of that day. Required.</summary>
    public string? To { get; set; }

    /// <summary>Shown with every rollout the freeze holds (<c>frozen: year-end freeze until …</c>). Required.</summary>
    public string? Reason { get; set; }

    /// <summary>IANA time zone whose midnights bound the freeze. Default <c>UTC</c>.</summary>
    public string TimeZone { get; set; } = "UTC";
}
