using System.Text;

namespace RolloutController.Analysis.Batching;

/// <summary>
/// One change to a query's text: <see cref="Length"/> characters at <see cref="Start"/> become <see cref="Replacement"/>
/// (an insertion when the length is 0). An <see cref="IsAlternation"/> edit marks where the flags' alternation goes.
/// </summary>
internal readonly record struct TextEdit(int Start, int Length, string Replacement, bool IsAlternation = false)
{
    public static TextEdit Insert(int at, string text) => new(at, 0, text);

    /// <summary>
    /// Applies non-overlapping edits and cuts the result at every alternation edit: n alternations give n + 1 pieces,
    /// joined again around each rendered alternation.
    /// </summary>
    public static IReadOnlyList<string> Apply(string text, IEnumerable<TextEdit> edits)
    {
        var pieces = new List<string>();
        var current = new StringBuilder(text.Length + 64);
        var at = 0;
        foreach (var edit in edits.OrderBy(e => e.Start))
        {
            current.Append(text, at, edit.Start - at);
            if (edit.IsAlternation)
            {
                pieces.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(edit.Replacement);
            }
            at = edit.Start + edit.Length;
        }
        current.Append(text, at, text.Length - at);
        pieces.Add(current.ToString());
        return pieces;
    }
}
