namespace RolloutController.Analysis.Batching;

/// <summary>A position in a token list that never moves past <see cref="PromQlTokenKind.End"/>, and the first refusal met.</summary>
internal sealed class TokenCursor(IReadOnlyList<PromQlToken> tokens)
{
    private int _at;

    public PromQlToken Peek => tokens[_at];

    /// <summary>The token consumed last (the first token before any is).</summary>
    public PromQlToken Previous => tokens[Math.Max(0, _at - 1)];

    /// <summary>The token after <see cref="Peek"/> (the end when there is none).</summary>
    public PromQlToken PeekNext => tokens[Math.Min(_at + 1, tokens.Count - 1)];

    /// <summary>The first reason given to <see cref="Refuse"/>; null while there is none.</summary>
    public string? Refusal { get; private set; }

    public PromQlToken Advance()
    {
        var token = tokens[_at];
        if (token.Kind != PromQlTokenKind.End) _at++;
        return token;
    }

    /// <summary>Consumes a token of <paramref name="kind"/>; when the next token is another, refuses and returns false.</summary>
    public bool Expect(PromQlTokenKind kind, string what)
    {
        if (Peek.Kind == kind)
        {
            Advance();
            return true;
        }
        return Refuse($"expected {what} at offset {Peek.Start}, found {Found()}");
    }

    /// <summary>Refuses because the next token does not fit; returns false.</summary>
    public bool Unexpected() => Refuse($"unexpected {Found()} at offset {Peek.Start}");

    /// <summary>Records the reason unless one was recorded already; returns false, so callers can return it.</summary>
    public bool Refuse(string reason)
    {
        Refusal ??= reason;
        return false;
    }

    private string Found() => Peek.Kind == PromQlTokenKind.End ? "the end of the query" : $"'{Peek.Text}'";
}
