using System.Globalization;
using System.Text;

namespace RolloutController.Dashboard;

/// <summary>
/// A hold's countdown on the dashboard (the list's "Hold left" column, the rollout page's "Hold left"). One format,
/// written by the server for the first render and by the page's script (<c>Assets/countdown.js</c>) every second after:
/// whole seconds, rounded up (a hold never shows 0s early), in days, hours, minutes and seconds, largest first, each unit
/// that is not zero and nothing else: <c>1d2h</c>, <c>1h30m</c>, <c>59m59s</c>, <c>45s</c>, <c>0s</c>. A new unit
/// appears or leaves only when its own count changes, so the text never jumps between <c>90m</c> and <c>1h29m59s</c>.
/// </summary>
internal static class HoldCountdown
{
    private static readonly (string Unit, long Seconds)[] Units = [("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1)];

    /// <summary>The countdown's text for <paramref name="seconds"/> left; 0s when none (or a negative) is left.</summary>
    public static string Text(double seconds)
    {
        var left = WholeSeconds(seconds);
        if (left == 0) return "0s";
        var text = new StringBuilder();
        foreach (var (unit, size) in Units)
        {
            var count = left / size;
            if (count == 0) continue;
            text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            left -= count * size;
        }
        return text.ToString();
    }

    /// <summary>
    /// The countdown's markup: counting down in the browser (<c>data-countdown</c>: the whole seconds left) while the hold
    /// counts on the controller (observing), standing still and marked paused otherwise.
    /// </summary>
    public static string Html(double seconds, bool running) => running
        ? $"<span data-countdown=\"{WholeSeconds(seconds).ToString(CultureInfo.InvariantCulture)}\">{Text(seconds)}</span>"
        : $"{Text(seconds)} <span class=\"small\">(paused)</span>";

    private static long WholeSeconds(double seconds) => (long)Math.Ceiling(Math.Max(0, seconds));
}
