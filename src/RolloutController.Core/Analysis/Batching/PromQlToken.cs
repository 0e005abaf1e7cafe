namespace RolloutController.Analysis.Batching;

/// <summary>One token of a PromQL query: its kind, where it stands and its text exactly as written.</summary>
/// <param name="Value">The decoded content of a <see cref="PromQlTokenKind.String"/>, or the message of an <see cref="PromQlTokenKind.Error"/>.</param>
internal readonly record struct PromQlToken(PromQlTokenKind Kind, int Start, string Text, string? Value = null)
{
    public int End => Start + Text.Length;

    public bool Is(PromQlTokenKind kind, string text) =>
        Kind == kind && string.Equals(Text, text, kind == PromQlTokenKind.Keyword ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

    public static PromQlToken Error(string query, int start, int end, string message) =>
        new(PromQlTokenKind.Error, start, query[start..Math.Min(end, query.Length)], message);
}
