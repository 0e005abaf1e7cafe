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
    /// <summary>Variables every guardrail query may use.</summary>
    public static IReadOnlySet<string> KnownVariables { get; } = new HashSet<string>(StringComparer.Ordinal) { "flag" };

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
