using System.Text;
using System.Text.RegularExpressions;

namespace RolloutController.Analysis;

/// <summary>
/// PromQL templates with <c>{{ name }}</c> variables. Values are substituted as the inside of a double-quoted PromQL
/// string (label matchers are written <c>flag="{{ flag }}"</c>), with backslash, quote and control characters escaped,
/// so a flag key cannot close the string and inject PromQL.
/// </summary>
internal static partial class QueryTemplate
{
    /// <summary>The flag key. Every query may use it.</summary>
    public const string Flag = "flag";

    /// <summary>The cohort, <c>on</c> or <c>off</c>: the query is run once per cohort. Only queries that compare cohorts.</summary>
    public const string Variant = "variant";

    /// <summary>Time since the stage started as a PromQL duration (<c>3600s</c>), for counts since the stage started.</summary>
    public const string Window = "window";

    /// <summary>Every variable a query may use; which query may use which is checked by the policy reader.</summary>
    public static IReadOnlySet<string> KnownVariables { get; } = new HashSet<string>(StringComparer.Ordinal) { Flag, Variant, Window };

    /// <summary>Variables of a query judged against an absolute bound (it measures the flag-on traffic itself).</summary>
    public static IReadOnlySet<string> ThresholdVariables { get; } = new HashSet<string>(StringComparer.Ordinal) { Flag, Window };

    /// <summary>True when the template uses <paramref name="name"/>.</summary>
    public static bool Uses(string template, string name) => Variables(template).Any(v => v.Name == name);

    /// <summary>
    /// <c>{{ window }}</c>'s value: whole seconds since the stage started, rounded up, at least 1 (PromQL rejects an empty range).
    /// </summary>
    public static string WindowValue(TimeSpan sinceStageStart) =>
        Math.Max(1L, (long)Math.Ceiling(sinceStageStart.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture) + "s";

    /// <summary>Every <c>{{ name }}</c> in the template with its character offset, in order.</summary>
    public static IReadOnlyList<(string Name, int Offset)> Variables(string template) =>
        VariablePattern().Matches(template).Select(m => (m.Groups["name"].Value, m.Index)).ToList();

    /// <summary>Substitutes every variable. Throws for a variable without a value: validation rejects those before.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values) =>
        VariablePattern().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            if (!values.TryGetValue(name, out var value))
                throw new ArgumentException($"no value for template variable '{name}'", nameof(values));
            return EscapeStringContent(value);
        });

    /// <summary>Escapes a value for use between double quotes in PromQL (PromQL's lexer accepts only the opening quote, backslash and the C escapes there).</summary>
    public static string EscapeStringContent(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                default:
                    if (char.IsControl(c)) sb.Append($"\\u{(int)c:x4}");
                    else sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\}\}")]
    private static partial Regex VariablePattern();
}
