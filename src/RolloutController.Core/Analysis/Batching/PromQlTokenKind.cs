namespace RolloutController.Analysis.Batching;

/// <summary>What a <see cref="PromQlToken"/> is, as far as rewriting a query needs to know.</summary>
internal enum PromQlTokenKind
{
    /// <summary>A metric, label or function name; may contain <c>:</c> (recording-rule names). Inside <c>{…}</c> every word is one.</summary>
    Identifier,

    /// <summary>A PromQL keyword outside <c>{…}</c>, in any case: aggregators, set operators, <c>by</c>, <c>on</c>, <c>offset</c>, ….</summary>
    Keyword,

    /// <summary>A string literal in any quote form; <see cref="PromQlToken.Value"/> holds its decoded content.</summary>
    String,

    /// <summary>Decimal, hexadecimal or exponent notation, <c>Inf</c> or <c>NaN</c>.</summary>
    Number,

    /// <summary><c>5m</c>, <c>1h30m</c>, <c>500ms</c>.</summary>
    Duration,

    LeftBrace,
    RightBrace,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,

    /// <summary>The colon of a subquery range <c>[1h:5m]</c>.</summary>
    Colon,

    /// <summary>The <c>@</c> modifier.</summary>
    At,

    /// <summary>Arithmetic, comparison and matcher operators: <c>+ - * / % ^ == != &lt; &gt; &lt;= &gt;= = =~ !~</c>.</summary>
    Operator,

    /// <summary><c>#</c> to the end of the line.</summary>
    Comment,

    /// <summary>Text that is not PromQL; <see cref="PromQlToken.Value"/> says why. Tokenizing stops there.</summary>
    Error,

    /// <summary>The end of the query.</summary>
    End,
}
