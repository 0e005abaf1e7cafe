using System.Text;

namespace RolloutController.Analysis.Batching;

/// <summary>
/// Reads a string literal in any of PromQL's quote forms and decodes it. <c>"…"</c> and <c>'…'</c> take Go's escapes
/// (<c>\a \b \f \n \r \t \v \\</c>, the enclosing quote, <c>\ooo</c> and <c>\xhh</c> bytes, <c>\uhhhh</c> and
/// <c>\Uhhhhhhhh</c> code points) and end at a line break; <c>`…`</c> is raw and may span lines.
/// </summary>
internal static class PromQlStringScanner
{
    public static PromQlToken Scan(string query, int start)
    {
        var quote = query[start];
        // Octal and hex escapes are bytes, as in Go: "\xc3\xa9" is "é". The content is decoded as UTF-8 at the end.
        var bytes = new List<byte>();
        var i = start + 1;
        while (i < query.Length && query[i] != quote)
        {
            if (quote != '`' && query[i] == '\n') break;
            if (quote == '`' || query[i] != '\\')
            {
                var runEnd = i + (char.IsHighSurrogate(query[i]) && i + 1 < query.Length ? 2 : 1);
                bytes.AddRange(Encoding.UTF8.GetBytes(query[i..runEnd]));
                i = runEnd;
                continue;
            }
            var problem = Escape(query, i, quote, bytes, out i);
            if (problem is not null) return PromQlToken.Error(query, start, i, problem);
        }
        if (i >= query.Length || query[i] != quote)
            return PromQlToken.Error(query, start, i, $"unterminated string starting at offset {start}");
        return new PromQlToken(PromQlTokenKind.String, start, query[start..(i + 1)], Encoding.UTF8.GetString(bytes.ToArray()));
    }

    /// <summary>Decodes the escape at <paramref name="backslash"/>; null when it is valid, otherwise why not.</summary>
    private static string? Escape(string query, int backslash, char quote, List<byte> bytes, out int next)
    {
        next = backslash + 2;
        if (backslash + 1 >= query.Length) return $"escape sequence not terminated at offset {backslash}";
        var c = query[backslash + 1];
        char? simple = c switch
        {
            'a' => '\a', 'b' => '\b', 'f' => '\f', 'n' => '\n', 'r' => '\r', 't' => '\t', 'v' => '\v', '\\' => '\\',
            _ when c == quote => quote,
            _ => null,
        };
        if (simple is { } plain)
        {
            bytes.Add((byte)plain);
            return null;
        }
        var (digits, radix, max) = c switch
        {
            >= '0' and <= '7' => (3, 8, 255),
            'x' => (2, 16, 255),
            'u' => (4, 16, 0xFFFF),
            'U' => (8, 16, 0x10FFFF),
            _ => (0, 0, 0),
        };
        if (digits == 0) return $"unknown escape sequence '\\{c}' at offset {backslash}";
        var first = c is >= '0' and <= '7' ? backslash + 1 : backslash + 2;
        next = first + digits;
        if (next > query.Length) return $"escape sequence not terminated at offset {backslash}";
        var text = query[first..next];
        if (!TryParse(text, radix, out var value) || value > max || (c is 'u' or 'U' && value is >= 0xD800 and <= 0xDFFF))
            return $"invalid escape sequence '\\{query[(backslash + 1)..next]}' at offset {backslash}";
        if (c is 'u' or 'U') bytes.AddRange(Encoding.UTF8.GetBytes(char.ConvertFromUtf32((int)value)));
        else bytes.Add((byte)value);
        return null;
    }

    private static bool TryParse(string text, int radix, out long value)
    {
        value = 0;
        foreach (var d in text)
        {
            var digit = char.IsAsciiDigit(d) ? d - '0' : char.IsAsciiHexDigit(d) ? char.ToLowerInvariant(d) - 'a' + 10 : radix;
            if (digit >= radix) return false;
            value = value * radix + digit;
        }
        return true;
    }
}
