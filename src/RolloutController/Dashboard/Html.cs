using System.Globalization;
using System.Text.Encodings.Web;
using RolloutController.Time;

namespace RolloutController.Dashboard;

/// <summary>
/// Encoding and formatting for the dashboard's pages. Every value that is not a literal of the page goes through
/// <see cref="E"/> (text and attribute values alike), so a flag key, reason or query can never become markup.
/// </summary>
internal static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string E(object? value) => E(Convert.ToString(value, CultureInfo.InvariantCulture));

    /// <summary>A percentage as the API writes it: up to three decimals, <c>12.5%</c>.</summary>
    public static string Weight(decimal weight) => weight.ToString("0.###", CultureInfo.InvariantCulture) + "%";

    /// <summary>A number as read in a guardrail's bound: up to 6 significant digits, invariant.</summary>
    public static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Whole seconds in the policy language's units (<c>1h30m</c>); rounded up, so a hold never shows 0s early.</summary>
    public static string Seconds(double seconds) =>
        DurationParser.Format(TimeSpan.FromSeconds(Math.Ceiling(Math.Max(0, seconds))));

    /// <summary>A UTC time in a <c>time</c> element, readable and machine-readable.</summary>
    public static string At(DateTimeOffset at) =>
        $"<time datetime=\"{at.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\">{at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC</time>";

    public static string Date(DateOnly date) =>
        $"<time datetime=\"{date:yyyy-MM-dd}\">{date:yyyy-MM-dd}</time>";

    /// <summary>A phase as a badge whose class colours it (text says it too: colour is never the only cue).</summary>
    public static string Phase(string phase) => $"<span class=\"badge phase-{E(phase.ToLowerInvariant())}\">{E(phase)}</span>";

    /// <summary>A verdict as a badge (text and class).</summary>
    public static string Verdict(string verdict) => $"<span class=\"badge verdict-{E(verdict)}\">{E(verdict)}</span>";

    public static string RolloutLink(string flag) => $"<a href=\"/rollouts/{Uri.EscapeDataString(flag)}\">{E(flag)}</a>";
}
