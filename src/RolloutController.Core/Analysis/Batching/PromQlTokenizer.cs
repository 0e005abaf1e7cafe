namespace RolloutController.Analysis.Batching;

/// <summary>
/// Splits a PromQL query into tokens, following Prometheus's lexer closely enough to rewrite queries: every character
/// belongs to exactly one token (or to white space), so edits made at token offsets keep the rest of the text as written.
/// Pure; never throws: text that is not PromQL ends the list with an <see cref="PromQlTokenKind.Error"/> token, and a
/// complete list ends with <see cref="PromQlTokenKind.End"/>.
/// </summary>
internal static class PromQlTokenizer
{
    private static readonly string[] TwoCharacterOperators = ["==", "!=", "<=", ">=", "=~", "!~"];

    public static IReadOnlyList<PromQlToken> Tokenize(string query)
    {
        var tokens = new List<PromQlToken>();
        // Inside {…} Prometheus reads every word as a label name, never as a keyword ({on="x"} is a valid matcher).
        var braces = 0;
        var i = 0;
        while (true)
        {
            while (i < query.Length && query[i] is ' ' or '\t' or '\n' or '\r') i++;
            if (i >= query.Length)
            {
                tokens.Add(new PromQlToken(PromQlTokenKind.End, i, ""));
                return tokens;
            }
            var token = Next(query, i, braces > 0);
            tokens.Add(token);
            if (token.Kind == PromQlTokenKind.Error) return tokens;
            if (token.Kind == PromQlTokenKind.LeftBrace) braces++;
            else if (token.Kind == PromQlTokenKind.RightBrace && braces > 0) braces--;
            i = token.End;
        }
    }

    private static PromQlToken Next(string query, int i, bool insideBraces)
    {
        var c = query[i];
        if (c == '#')
        {
            var end = query.IndexOf('\n', i);
            return new PromQlToken(PromQlTokenKind.Comment, i, query[i..(end < 0 ? query.Length : end)]);
        }
        if (c is '"' or '\'' or '`') return PromQlStringScanner.Scan(query, i);
        if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < query.Length && char.IsAsciiDigit(query[i + 1])))
            return PromQlNumberScanner.Scan(query, i);
        if (char.IsAsciiLetter(c) || c == '_') return Word(query, i, insideBraces);
        return Symbol(query, i);
    }

    private static PromQlToken Word(string query, int start, bool insideBraces)
    {
        var end = start;
        while (end < query.Length && (char.IsAsciiLetterOrDigit(query[end]) || query[end] is '_' or ':')) end++;
        var word = query[start..end];
        if (insideBraces || word.Contains(':')) return new PromQlToken(PromQlTokenKind.Identifier, start, word);
        if (word.Equals("inf", StringComparison.OrdinalIgnoreCase) || word.Equals("nan", StringComparison.OrdinalIgnoreCase))
            return new PromQlToken(PromQlTokenKind.Number, start, word);
        return new PromQlToken(PromQlKeywords.IsKeyword(word) ? PromQlTokenKind.Keyword : PromQlTokenKind.Identifier, start, word);
    }

    private static PromQlToken Symbol(string query, int i)
    {
        foreach (var op in TwoCharacterOperators)
            if (string.CompareOrdinal(query, i, op, 0, 2) == 0) return new PromQlToken(PromQlTokenKind.Operator, i, op);
        var kind = query[i] switch
        {
            '{' => PromQlTokenKind.LeftBrace,
            '}' => PromQlTokenKind.RightBrace,
            '(' => PromQlTokenKind.LeftParen,
            ')' => PromQlTokenKind.RightParen,
            '[' => PromQlTokenKind.LeftBracket,
            ']' => PromQlTokenKind.RightBracket,
            ',' => PromQlTokenKind.Comma,
            ':' => PromQlTokenKind.Colon,
            '@' => PromQlTokenKind.At,
            '+' or '-' or '*' or '/' or '%' or '^' or '<' or '>' or '=' => PromQlTokenKind.Operator,
            _ => PromQlTokenKind.Error,
        };
        return kind == PromQlTokenKind.Error
            ? PromQlToken.Error(query, i, i + 1, $"unexpected character '{query[i]}' at offset {i}")
            : new PromQlToken(kind, i, query[i..(i + 1)]);
    }
}
