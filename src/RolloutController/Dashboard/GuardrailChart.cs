using System.Globalization;
using System.Text;
using static RolloutController.Dashboard.Html;

namespace RolloutController.Dashboard;

/// <summary>
/// A guardrail's values over time as an inline SVG line chart against its bound, rendered on the server (no script, no
/// library). The chart is an image with a text alternative; the numbers are also in a table under it. Pure.
/// </summary>
internal static class GuardrailChart
{
    private const double Width = 640, Height = 200, Left = 64, Right = 12, Top = 14, Bottom = 30;

    // Series colours, each at least 4.5:1 against the white background; failures are also drawn larger and outlined.
    private static readonly string[] Palette = ["#1d4ed8", "#7c3aed", "#047857", "#b45309", "#be185d", "#374151"];

    public static string Render(GuardrailSeries s, string id)
    {
        var summary = Summary(s);
        if (s.Points.Count == 0)
            return $"<p class=\"chart-empty\" id=\"{E(id)}\">{E(summary)}</p>";

        var (lo, hi) = Range(s);
        var first = s.Points[0].At;
        var span = Math.Max(1, (s.Points[^1].At - first).TotalSeconds);
        double X(DateTimeOffset at) => Left + (at - first).TotalSeconds / span * (Width - Left - Right);
        double Y(double v) => Top + (hi - v) / (hi - lo) * (Height - Top - Bottom);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" id=\"{E(id)}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{E(id)}-t\" preserveAspectRatio=\"xMidYMid meet\">");
        svg.Append($"<title id=\"{E(id)}-t\">{E(summary)}</title>");
        // Axes and their end labels.
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\">{E(Number(hi))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left - 6}\" y=\"{Height - Bottom}\" text-anchor=\"end\">{E(Number(lo))}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Left}\" y=\"{Height - 8}\">{first.UtcDateTime:HH:mm:ss}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"tick\" x=\"{Width - Right}\" y=\"{Height - 8}\" text-anchor=\"end\">{s.Points[^1].At.UtcDateTime:HH:mm:ss} UTC</text>");
        if (s.Bound is { } bound)
        {
            var y = Y(bound);
            svg.Append(CultureInfo.InvariantCulture, $"<line class=\"bound\" x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"bound-label\" x=\"{Width - Right - 4}\" y=\"{y - 4:0.#}\" text-anchor=\"end\">{E(s.BoundLabel)}</text>");
        }
        var segments = s.Points.Select(p => p.Segment).Distinct().ToList();
        for (var i = 0; i < segments.Count; i++)
        {
            var colour = Palette[i % Palette.Length];
            var points = s.Points.Where(p => p.Segment == segments[i]).ToList();
            var line = string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.At):0.#},{Y(p.Value):0.#}")));
            svg.Append($"<polyline class=\"series\" stroke=\"{colour}\" points=\"{line}\"/>");
            foreach (var p in points)
            {
                var failed = p.Verdict == "fail";
                svg.Append(CultureInfo.InvariantCulture,
                    $"<circle class=\"{(failed ? "point fail" : "point")}\" cx=\"{X(p.At):0.#}\" cy=\"{Y(p.Value):0.#}\" r=\"{(failed ? 4.5 : 2.5)}\" fill=\"{(failed ? "#b91c1c" : colour)}\"/>");
            }
        }
        svg.Append("</svg>");
        if (segments.Count > 1 || segments[0] is not null)
            svg.Append("<ul class=\"legend\">").AppendJoin("", segments.Select((seg, i) =>
                $"<li><span class=\"swatch swatch-{i % Palette.Length}\" aria-hidden=\"true\"></span>{E(seg ?? "all traffic")}</li>")).Append("</ul>");
        return svg.ToString();
    }

    /// <summary>The chart's text alternative: how many values, the latest, the bound, and how many failed or had no value.</summary>
    public static string Summary(GuardrailSeries s)
    {
        if (s.Points.Count == 0)
            return s.Missing == 0 ? $"{s.Guardrail}: not measured yet." : $"{s.Guardrail}: no value in {s.Missing} measurements (no data or errors).";
        var last = s.Points[^1];
        var failed = s.Points.Count(p => p.Verdict == "fail");
        return $"{s.Guardrail}, {s.Quantity} over {s.Points.Count} measurements: latest {Number(last.Value)} ({last.Verdict}), " +
               $"{s.BoundLabel}; {failed} failed" + (s.Missing > 0 ? $", {s.Missing} without a value." : ".");
    }

    private static (double Lo, double Hi) Range(GuardrailSeries s)
    {
        var values = s.Points.Select(p => p.Value).ToList();
        if (s.Bound is { } b) values.Add(b);
        double lo = values.Min(), hi = values.Max();
        if (lo >= 0 && lo < hi / 2) lo = 0;
        if (hi <= 0 && hi > lo / 2) hi = 0;
        var pad = hi > lo ? (hi - lo) * 0.08 : Math.Max(Math.Abs(hi) * 0.1, 1e-9);
        return (lo == 0 ? 0 : lo - pad, hi == 0 ? 0 : hi + pad) is var (l, h) && h > l ? (l, h) : (lo - pad, hi + pad);
    }
}
