namespace RolloutController.Analysis.Batching;

/// <summary>The label list of <c>by (…)</c>, <c>without (…)</c>, <c>on (…)</c> or <c>ignoring (…)</c>.</summary>
/// <param name="Names">The labels listed.</param>
/// <param name="Close">Offset of the closing parenthesis, where a label is added.</param>
/// <param name="EndsWithComma">True when the list ends with a comma (<c>by (le,)</c>), so an added label needs none.</param>
internal sealed record GroupingLabels(IReadOnlySet<string> Names, int Close, bool EndsWithComma)
{
    /// <summary>The edit that adds <paramref name="label"/> to the list.</summary>
    public TextEdit Add(string label) =>
        TextEdit.Insert(Close, Names.Count == 0 ? label : EndsWithComma ? " " + label : ", " + label);
}
