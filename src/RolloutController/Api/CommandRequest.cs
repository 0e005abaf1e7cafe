namespace RolloutController.Api;

/// <summary>Body of a mutating call. The reason is required and recorded with the actor and the time.</summary>
/// <param name="Segment">For <c>include</c>: the excluded segment, <c>plan=enterprise</c> or as status shows it (<c>plan="enterprise"</c>).</param>
internal sealed record CommandRequest(string? Reason, string? Segment = null)
{
    /// <summary>
    /// Longest reason recorded, in characters (Unicode code points) after trimming: enough for a sentence and a ticket
    /// link; the history, notifications and <c>rolloutctl status</c> all show it whole.
    /// </summary>
    public const int MaxReasonLength = 1_000;

    /// <summary>
    /// The reason trimmed, or why it cannot be recorded: null or blank (required), or longer than
    /// <see cref="MaxReasonLength"/> code points (with its length). Every change, from the API or the dashboard, asks here.
    /// </summary>
    public static (string Reason, ReasonProblem Problem, int Length) CheckReason(string? raw)
    {
        var reason = raw?.Trim();
        if (string.IsNullOrEmpty(reason)) return ("", ReasonProblem.Missing, 0);
        var length = reason.EnumerateRunes().Count();
        return length > MaxReasonLength ? ("", ReasonProblem.TooLong, length) : (reason, ReasonProblem.None, length);
    }
}
