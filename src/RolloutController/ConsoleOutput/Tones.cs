using Spectre.Console;

namespace RolloutController.ConsoleOutput;

/// <summary>One home for the colours of phases, verdicts and delivery statuses.</summary>
internal static class Tones
{
    public static Style Style(Tone tone) => tone switch
    {
        Tone.Good => new Style(Color.Green),
        Tone.Warning => new Style(Color.Yellow),
        Tone.Bad => new Style(Color.Red),
        Tone.Active => new Style(Color.Blue),
        Tone.Muted => new Style(Color.Grey),
        Tone.Heading => new Style(decoration: Decoration.Bold),
        _ => Spectre.Console.Style.Plain,
    };

    /// <summary>A rollout phase as the API names it (<c>Observing</c>, <c>RolledBack</c>, ...).</summary>
    public static Tone Phase(string phase) => phase switch
    {
        "Completed" => Tone.Good,
        "Paused" => Tone.Warning,
        "RolledBack" or "Aborted" => Tone.Bad,
        "Observing" => Tone.Active,
        "Pending" => Tone.Muted,
        _ => Tone.Plain,
    };

    /// <summary>A guardrail verdict as the API names it (<c>pass</c>, <c>nodata</c>, ...).</summary>
    public static Tone Verdict(string? verdict) => verdict switch
    {
        "pass" => Tone.Good,
        "fail" or "error" => Tone.Bad,
        "inconclusive" or "nodata" => Tone.Warning,
        _ => Tone.Plain,
    };

    /// <summary>A transition trigger as the API names it (<c>rollback</c>, <c>complete</c>, ...).</summary>
    public static Tone Trigger(string trigger) => trigger switch
    {
        "complete" or "advance" => Tone.Good,
        "rollback" or "abort" or "exclude" or "switchoff" => Tone.Bad,
        "pause" or "warn" => Tone.Warning,
        _ => Tone.Plain,
    };

    /// <summary>A notice delivery status: <c>delivered</c>, <c>pending</c>, <c>abandoned</c>.</summary>
    public static Tone Delivery(string status) => status switch
    {
        "delivered" => Tone.Good,
        "pending" => Tone.Warning,
        "abandoned" => Tone.Bad,
        _ => Tone.Plain,
    };
}
