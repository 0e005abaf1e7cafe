using System.Globalization;
using System.Text;

namespace RolloutController.Telemetry;

/// <summary>Formatting rules of the Prometheus text exposition format 0.0.4: names, escaping, numbers.</summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Escapes a label value: backslash, double quote and line feed.</summary>
    public static string EscapeLabelValue(string value) =>
        value.Replace("\\", @"\\").Replace("\"", "\\\"").Replace("\n", @"\n");

    /// <summary>Escapes HELP text: backslash and line feed (quotes stay as they are).</summary>
    public static string EscapeHelp(string text) => text.Replace("\\", @"\\").Replace("\n", @"\n");

    /// <summary>A sample value: shortest round-trip decimal, or <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.</summary>
    public static string FormatValue(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Replaces every character outside <c>[a-zA-Z0-9_:]</c> (or <c>[a-zA-Z0-9_]</c> for labels) with '_' and fixes a leading digit.</summary>
    public static string SanitizeName(string name, bool allowColon = true)
    {
        var sb = new StringBuilder(name.Length + 1);
        foreach (var c in name)
            sb.Append(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowColon && c == ':') ? c : '_');
        if (sb.Length == 0 || char.IsAsciiDigit(sb[0])) sb.Insert(0, '_');
        return sb.ToString();
    }

    /// <summary>Prometheus's base-unit suffix for an instrument's UCUM unit; empty for units that have none (%, {items}).</summary>
    public static string UnitSuffix(string? unit) => unit switch
    {
        "s" => "_seconds",
        "ms" => "_milliseconds",
        "By" => "_bytes",
        _ => "",
    };

    /// <summary>Writes a <c>name{labels} value</c> line.</summary>
    public static void AppendSample(StringBuilder output, string name, string labels, double value) =>
        output.Append(name).Append(labels).Append(' ').Append(FormatValue(value)).Append('\n');

    /// <summary>Writes the <c># HELP</c> and <c># TYPE</c> lines of a metric family.</summary>
    public static void AppendHeader(StringBuilder output, string name, string type, string help) =>
        output.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n')
              .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
}
