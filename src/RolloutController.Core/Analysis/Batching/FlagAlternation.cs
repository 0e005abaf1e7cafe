using System.Text;

namespace RolloutController.Analysis.Batching;

/// <summary>
/// Flag keys as the content of a double-quoted PromQL regex, <c>a|b\\.c</c>: each key is regex-escaped, then escaped for
/// the string. Prometheus anchors label regexes (<c>^(?:…)$</c>) and compiles them with Go's RE2, so escaping the
/// characters Go's <c>regexp.QuoteMeta</c> escapes makes every alternative match its key and nothing else.
/// </summary>
internal static class FlagAlternation
{
    private const string RegexMetacharacters = @"\.+*?()|[]{}^$";

    /// <summary>One key, ready to stand between the quotes.</summary>
    public static string Escape(string flag) => QueryTemplate.EscapeStringContent(QuoteMeta(flag));

    /// <summary>The key as a regex matching exactly it (Go's <c>regexp.QuoteMeta</c>).</summary>
    public static string QuoteMeta(string flag)
    {
        var text = new StringBuilder(flag.Length + 4);
        foreach (var c in flag)
        {
            if (RegexMetacharacters.Contains(c)) text.Append('\\');
            text.Append(c);
        }
        return text.ToString();
    }
}
