using System.Text;
using System.Text.RegularExpressions;

namespace RolloutController.ScaleBench;

/// <summary>
/// Which flags a guardrail query asks about, and whether its answer carries the flag label. A single query selects one
/// flag (<c>flag="a"</c>) and, unless it groups by the flag, is answered with one series without labels, as a
/// <c>sum(...)</c> would be. A batched query selects several (<c>flag=~"a|b|c"</c>, alternatives with regex
/// metacharacters escaped) and is answered with one series per flag carrying the label, as <c>sum by (flag) (...)</c>
/// would be. Only literal alternatives count: a pattern such as <c>a.*</c> names no flag the stand-in could know of.
/// </summary>
internal static partial class QueryFlags
{
    public readonly record struct Selection(IReadOnlyList<string> Flags, bool Labelled);

    public static Selection Parse(string query, string label)
    {
        var flags = new List<string>();
        var labelled = false;
        foreach (Match m in Matcher().Matches(query))
        {
            if (m.Groups["label"].Value != label) continue;
            var value = Unquote(m.Groups["value"].Value, m.Groups["quote"].Value[0]);
            if (m.Groups["op"].Value == "=")
            {
                flags.Add(value);
            }
            else
            {
                labelled = true;
                flags.AddRange(Alternatives(value));
            }
        }
        foreach (Match m in Grouping().Matches(query))
            if (m.Groups["kind"].Value == "by" && m.Groups["labels"].Value.Split(',').Any(l => l.Trim() == label)) labelled = true;
        return new Selection(flags.Distinct(StringComparer.Ordinal).ToList(), labelled);
    }

    /// <summary>The literal alternatives of a regex of the form <c>a|b\.c</c>, leaving out any that is a pattern.</summary>
    private static IEnumerable<string> Alternatives(string regex)
    {
        var current = new StringBuilder();
        var literal = true;
        for (var i = 0; i < regex.Length; i++)
        {
            var c = regex[i];
            if (c == '\\' && i + 1 < regex.Length)
            {
                current.Append(regex[++i]);
            }
            else if (c == '|')
            {
                if (literal && current.Length > 0) yield return current.ToString();
                current.Clear();
                literal = true;
            }
            else
            {
                if (@".+*?()[]{}^$".Contains(c)) literal = false;
                current.Append(c);
            }
        }
        if (literal && current.Length > 0) yield return current.ToString();
    }

    /// <summary>The content of a PromQL string literal: backslash escapes in double and single quotes, none in backticks.</summary>
    private static string Unquote(string content, char quote)
    {
        if (quote == '`' || !content.Contains('\\')) return content;
        var text = new StringBuilder(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] != '\\' || i + 1 == content.Length)
            {
                text.Append(content[i]);
                continue;
            }
            var next = content[++i];
            text.Append(next switch { 'n' => '\n', 't' => '\t', 'r' => '\r', _ => next });
        }
        return text.ToString();
    }

    [GeneratedRegex("""(?<label>[A-Za-z_][A-Za-z0-9_]*)\s*(?<op>=~|=)\s*(?:(?<quote>")(?<value>(?:[^"\\]|\\.)*)"|(?<quote>')(?<value>(?:[^'\\]|\\.)*)'|(?<quote>`)(?<value>[^`]*)`)""")]
    private static partial Regex Matcher();

    [GeneratedRegex(@"\b(?<kind>by|without)\s*\((?<labels>[^)]*)\)")]
    private static partial Regex Grouping();
}
