using System.Buffers;
using System.Globalization;
using System.Text;

namespace RolloutController.Policies;

/// <summary>
/// Makes text from a policy file safe to show in a diagnostic: each diagnostic is one line starting with
/// <c>file:line:column</c>, so line breaks and other control characters in a value are written as escapes
/// (<c>\n</c>, <c>\u001B</c>) and long values are shortened.
/// </summary>
internal static class DiagnosticText
{
    /// <summary>Longest value quoted in full; longer ones are cut and their length is given.</summary>
    public const int MaxValueLength = 160;

    // Printable ASCII is by far the common case: checked in one vectorized pass before anything is copied.
    private static readonly SearchValues<char> Printable = SearchValues.Create(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>A value as it is embedded in a message: escaped and at most <see cref="MaxValueLength"/> characters.</summary>
    public static string Quote(string? value) => Escape(value ?? "", MaxValueLength);

    /// <summary>
    /// <paramref name="text"/> with every character that is not printable on one line escaped; when longer than
    /// <paramref name="maxLength"/> characters, its start followed by "… (N characters)".
    /// </summary>
    public static string Escape(string text, int maxLength = int.MaxValue)
    {
        if (text.Length <= maxLength && !text.AsSpan().ContainsAnyExcept(Printable)) return text;

        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 16);
        var end = Math.Min(text.Length, maxLength);
        // Do not cut a surrogate pair in two.
        if (end < text.Length && end > 0 && char.IsHighSurrogate(text[end - 1])) end--;
        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            if (char.IsSurrogatePair(text, i))
            {
                builder.Append(c).Append(text[++i]);
                continue;
            }
            switch (c)
            {
                case '\n': builder.Append(@"\n"); break;
                case '\r': builder.Append(@"\r"); break;
                case '\t': builder.Append(@"\t"); break;
                default:
                    if (IsPrintable(c)) builder.Append(c);
                    else builder.Append(@"\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
            }
        }
        if (end < text.Length) builder.Append(CultureInfo.InvariantCulture, $"… ({text.Length} characters)");
        return builder.ToString();
    }

    private static bool IsPrintable(char c) =>
        !char.IsSurrogate(c) && CharUnicodeInfo.GetUnicodeCategory(c) is not (
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse);
}
