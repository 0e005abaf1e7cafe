namespace RolloutController.Analysis.Batching;

/// <summary>Reads a number (<c>1</c>, <c>.5</c>, <c>1.5e-3</c>, <c>0x1F</c>) or a duration (<c>5m</c>, <c>1h30m</c>, <c>500ms</c>).</summary>
internal static class PromQlNumberScanner
{
    public static PromQlToken Scan(string query, int start)
    {
        var end = NumberEnd(query, start);
        // As in Prometheus's lexer, a number must not run into a letter; if it does, it may be a duration.
        if (end >= query.Length || !IsAlphanumeric(query[end])) return new PromQlToken(PromQlTokenKind.Number, start, query[start..end]);
        var durationEnd = DurationEnd(query, start);
        if (durationEnd > start && (durationEnd >= query.Length || !IsAlphanumeric(query[durationEnd])))
            return new PromQlToken(PromQlTokenKind.Duration, start, query[start..durationEnd]);
        var wordEnd = end;
        while (wordEnd < query.Length && IsAlphanumeric(query[wordEnd])) wordEnd++;
        return PromQlToken.Error(query, start, wordEnd, $"bad number or duration '{query[start..wordEnd]}' at offset {start}");
    }

    private static int NumberEnd(string query, int i)
    {
        if (query[i] == '0' && i + 2 < query.Length && query[i + 1] is 'x' or 'X' && char.IsAsciiHexDigit(query[i + 2]))
            return Run(query, i + 2, char.IsAsciiHexDigit);
        i = Run(query, i, char.IsAsciiDigit);
        if (i < query.Length && query[i] == '.') i = Run(query, i + 1, char.IsAsciiDigit);
        if (i < query.Length && query[i] is 'e' or 'E')
        {
            var j = i + 1;
            if (j < query.Length && query[j] is '+' or '-') j++;
            if (j < query.Length && char.IsAsciiDigit(query[j])) i = Run(query, j, char.IsAsciiDigit);
        }
        return i;
    }

    /// <summary>The end of one or more <c>digits unit</c> pairs starting at <paramref name="i"/>, or <paramref name="i"/> when there is none.</summary>
    private static int DurationEnd(string query, int i)
    {
        var end = i;
        while (end < query.Length && char.IsAsciiDigit(query[end]))
        {
            var unitStart = Run(query, end, char.IsAsciiDigit);
            var unitLength = UnitLength(query, unitStart);
            if (unitLength == 0) break;
            end = unitStart + unitLength;
        }
        return end;
    }

    private static int UnitLength(string query, int i)
    {
        if (i >= query.Length) return 0;
        if (query[i] == 'm' && i + 1 < query.Length && query[i + 1] == 's') return 2;
        return query[i] is 's' or 'm' or 'h' or 'd' or 'w' or 'y' ? 1 : 0;
    }

    private static int Run(string query, int i, Func<char, bool> accept)
    {
        while (i < query.Length && accept(query[i])) i++;
        return i;
    }

    private static bool IsAlphanumeric(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
}
