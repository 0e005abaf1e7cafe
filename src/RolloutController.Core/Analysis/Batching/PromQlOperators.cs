namespace RolloutController.Analysis.Batching;

/// <summary>PromQL's binary operators and their precedence (higher binds tighter; <c>^</c> is right-associative).</summary>
internal static class PromQlOperators
{
    public const int Power = 6;

    /// <summary>The precedence of <paramref name="token"/> as a binary operator, or null when it is not one.</summary>
    public static int? Precedence(PromQlToken token) => token.Kind switch
    {
        PromQlTokenKind.Operator => token.Text switch
        {
            "^" => Power,
            "*" or "/" or "%" => 5,
            "+" or "-" => 4,
            "==" or "!=" or "<" or ">" or "<=" or ">=" => 3,
            _ => null,
        },
        PromQlTokenKind.Keyword => token.Text.ToLowerInvariant() switch
        {
            "atan2" => 5,
            "and" or "unless" => 2,
            "or" => 1,
            _ => null,
        },
        _ => null,
    };

    public static bool IsRightAssociative(PromQlToken token) => token.Text == "^";

    public static bool IsSetOperator(PromQlToken token) => token.Kind == PromQlTokenKind.Keyword && PromQlKeywords.SetOperators.Contains(token.Text);
}
