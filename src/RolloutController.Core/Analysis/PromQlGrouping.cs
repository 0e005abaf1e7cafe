using System.Text.RegularExpressions;

namespace RolloutController.Analysis;

/// <summary>
/// A pragmatic, textual reading of which labels a PromQL expression keeps, for policy validation: it finds the
/// outermost aggregations (<c>sum</c>, <c>avg</c>, … not nested inside another aggregation) and reads their
/// <c>by (…)</c> / <c>without (…)</c> clauses. A label is kept when every outermost aggregation keeps it; an expression
/// without aggregation keeps every label. Not a PromQL parser: strings and label matchers are skipped, nothing else is checked.
/// </summary>
internal static partial class PromQlGrouping
{
    private static readonly HashSet<string> Aggregations = new(StringComparer.Ordinal)
    {
        "sum", "avg", "min", "max", "count", "group", "stddev", "stdvar", "topk", "bottomk", "quantile", "count_values",
        "limitk", "limit_ratio",
    };

    /// <summary>The outermost aggregations of <paramref name="query"/>, each with its grouping clause.</summary>
    public static IReadOnlyList<Aggregation> OutermostAggregations(string query)
    {
        var found = new List<Aggregation>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            if (c is '"' or '\'' or '`') { i = SkipString(query, i); continue; }
            if (c == '{') { i = SkipBraces(query, i); continue; }
            if (c == '#') { i = SkipComment(query, i); continue; }
            if (!IsIdentifierStart(c) || (i > 0 && IsIdentifierPart(query[i - 1]))) { i++; continue; }

            var end = i;
            while (end < query.Length && IsIdentifierPart(query[end])) end++;
            var word = query[i..end];
            if (Aggregations.Contains(word) && TryReadAggregation(query, i, end, word, out var aggregation, out var next))
            {
                found.Add(aggregation);
                i = next;
                continue;
            }
            i = end;
        }
        return found;
    }

    /// <summary>Whether the series <paramref name="query"/> returns still carry <paramref name="label"/>.</summary>
    public static LabelFate Fate(string query, string label)
    {
        var aggregations = OutermostAggregations(query);
        if (aggregations.Count == 0) return new LabelFate(LabelKept.NoAggregation, null);
        var dropping = aggregations.FirstOrDefault(a => !a.Keeps(label));
        return dropping is null ? new LabelFate(LabelKept.Kept, null) : new LabelFate(LabelKept.Dropped, dropping);
    }

    private static bool TryReadAggregation(string query, int start, int wordEnd, string word, out Aggregation aggregation, out int next)
    {
        aggregation = null!;
        next = wordEnd;
        var i = SkipSpace(query, wordEnd);
        GroupingClause? clause = null;
        if (TryReadClause(query, i, out var before, out var afterClause))
        {
            clause = before;
            i = SkipSpace(query, afterClause);
        }
        if (i >= query.Length || query[i] != '(') return false;
        var bodyEnd = SkipParentheses(query, i);
        next = bodyEnd;
        if (clause is null)
        {
            var j = SkipSpace(query, bodyEnd);
            if (TryReadClause(query, j, out var after, out var afterEnd))
            {
                clause = after;
                next = afterEnd;
            }
        }
        aggregation = new Aggregation(word, clause, query[start..next]);
        return true;
    }

    private static bool TryReadClause(string query, int i, out GroupingClause clause, out int end)
    {
        clause = null!;
        end = i;
        var match = ClausePattern().Match(query, i);
        if (!match.Success || match.Index != i) return false;
        var labels = match.Groups["labels"].Value
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.Trim('"', '\''))
            .ToHashSet(StringComparer.Ordinal);
        clause = new GroupingClause(match.Groups["kind"].Value == "without", labels);
        end = match.Index + match.Length;
        return true;
    }

    private static int SkipParentheses(string query, int open)
    {
        var depth = 0;
        var i = open;
        while (i < query.Length)
        {
            var c = query[i];
            if (c is '"' or '\'' or '`') { i = SkipString(query, i); continue; }
            if (c == '{') { i = SkipBraces(query, i); continue; }
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return i + 1;
            i++;
        }
        return query.Length;
    }

    private static int SkipBraces(string query, int open)
    {
        var i = open + 1;
        while (i < query.Length && query[i] != '}')
            i = query[i] is '"' or '\'' or '`' ? SkipString(query, i) : i + 1;
        return Math.Min(i + 1, query.Length);
    }

    private static int SkipString(string query, int open)
    {
        var quote = query[open];
        var i = open + 1;
        while (i < query.Length && query[i] != quote) i += query[i] == '\\' && quote != '`' ? 2 : 1;
        return Math.Min(i + 1, query.Length);
    }

    private static int SkipComment(string query, int start)
    {
        var end = query.IndexOf('\n', start);
        return end < 0 ? query.Length : end + 1;
    }

    private static int SkipSpace(string query, int i)
    {
        while (i < query.Length && char.IsWhiteSpace(query[i])) i++;
        return i;
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or ':';

    [GeneratedRegex(@"(?<kind>by|without)\s*\((?<labels>[^()]*)\)")]
    private static partial Regex ClausePattern();
}
