namespace RolloutController.Analysis.Batching;

/// <summary>Label names as PromQL writes them in matchers and grouping lists.</summary>
internal static class PromQlLabelName
{
    /// <summary>
    /// The label a token names: a word (keywords included, <c>by (on)</c> is valid) or a quoted name; null for anything else.
    /// </summary>
    public static string? Of(PromQlToken token) => token.Kind switch
    {
        PromQlTokenKind.Identifier when !token.Text.Contains(':') => token.Text,
        PromQlTokenKind.Keyword => token.Text,
        PromQlTokenKind.String => token.Value,
        _ => null,
    };

    /// <summary>True for a name that can be written unquoted: <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsPlain(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
