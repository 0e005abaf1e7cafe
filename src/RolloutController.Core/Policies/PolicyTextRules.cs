using System.Globalization;
using System.Text;

namespace RolloutController.Policies;

/// <summary>
/// Checks a policy file's text before it is parsed: its size against <see cref="PolicyLimits.MaxFileBytes"/>, and
/// that it holds only characters YAML allows (YAML 1.2 §5.1, c-printable). A control character or a lone surrogate is
/// not YAML, and the parser does not always reject it cleanly; finding it first also gives its exact position.
/// </summary>
internal static class PolicyTextRules
{
    /// <summary>The first problem of the text, or null when it may be parsed.</summary>
    public static PolicyDiagnostic? Check(PolicySourceFile file)
    {
        var text = file.Text;
        // UTF-8 takes at most 3 bytes per UTF-16 unit: most texts are decided without counting.
        if (text.Length > PolicyLimits.MaxFileBytes / 3 && Encoding.UTF8.GetByteCount(text) is var bytes && bytes > PolicyLimits.MaxFileBytes)
            return new PolicyDiagnostic(file.Path, 1, 1, "", PolicyTextDecoder.TooLarge(bytes));

        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
                continue;
            }
            if (char.IsSurrogatePair(text, i))
            {
                i++;
                continue;
            }
            if (!IsAllowed(c))
                return new PolicyDiagnostic(file.Path, line, i - lineStart + 1, "", $"{Describe(c)} is not allowed in YAML; " +
                    @"inside a double-quoted string write it as an escape such as \t or \u001B");
        }
        return null;
    }

    // c-printable: tab, line feed, carriage return, printable ASCII, NEL and every other Unicode character that is
    // neither a C0/C1 control, a surrogate nor a non-character U+FFFE/U+FFFF. A byte order mark is allowed.
    private static bool IsAllowed(char c) =>
        c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or '\u0085' or (>= '\u00A0' and <= '\uD7FF') or (>= '\uE000' and <= '\uFFFD');

    private static string Describe(char c) => c switch
    {
        _ when char.IsSurrogate(c) => string.Create(CultureInfo.InvariantCulture, $"a lone surrogate U+{(int)c:X4} (half of a character)"),
        '\uFFFE' or '\uFFFF' => string.Create(CultureInfo.InvariantCulture, $"the non-character U+{(int)c:X4}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"the control character U+{(int)c:X4}"),
    };
}
