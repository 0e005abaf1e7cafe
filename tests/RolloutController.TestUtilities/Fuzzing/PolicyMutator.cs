using System.Text;

namespace RolloutController.TestUtilities.Fuzzing;

/// <summary>
/// Seeded mutations of policy files: edits at the text level aimed at what YAML readers get wrong (anchors, aliases,
/// merge keys, tags, directives, document markers, tabs, byte order marks, control characters, lone surrogates,
/// duplicate keys, deep nesting, huge scalars) and at the byte level (invalid UTF-8). The same seed gives the same
/// inputs, so a failure is reproduced from its seed and iteration.
/// </summary>
public sealed class PolicyMutator(IReadOnlyList<string> examples, int seed)
{
    private static readonly string[] Tokens =
    [
        "&a ", "*a", "&b [1, 2]", "*b", "<<: *a\n", "<<: ", "? ", "? [a]\n: 1\n", "!!str ", "!!int ", "!!float ", "!!bool ",
        "!!null ", "!!map ", "!!seq ", "!!binary ", "!!timestamp ", "!foo ", "!<tag:x> ", "!<!> ", "!e!x ", "%YAML 1.1\n",
        "%TAG ! tag:x,2000:\n", "%TAG !e! tag:e:\n", "---\n", "--- ", "...\n", "\t", "\uFEFF", "\0", "\u001B", "\u007F",
        "\u0085", "\u2028", "\uFFFE", "\ud800", "\udc00", "\U0001F600", "{", "}", "[", "]", "'", "\"", "|", "|-\n", ">+\n",
        "#", ":", ": ", "- ", "\\", ",", "\n", "\r", "\r\n", " ", "  ", "@", "`", "%", "*", "&", "~", "null", ".inf", ".nan",
        "0x", "0o", "0o9", "1e999", "-0", "99999999999999999999", "\"\\ud800\"", "\"\\u0000\"", "\"\\x1b\"", "'a\nb'",
    ];

    private readonly Random _random = new(seed);

    /// <summary>One input: a random example with 1 to 8 mutations.</summary>
    public byte[] Next()
    {
        var text = examples[_random.Next(examples.Count)];
        var count = 1 + _random.Next(8);
        for (var i = 0; i < count; i++) text = Mutate(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        return _random.Next(8) == 0 ? MutateBytes(bytes) : bytes;
    }

    private string Mutate(string text)
    {
        if (text.Length == 0) return Token();
        var at = _random.Next(text.Length + 1);
        var lines = text.Split('\n');
        switch (_random.Next(14))
        {
            case 0: return text[..at] + Token() + text[at..];
            case 1: return text[..at] + text[Math.Min(text.Length, at + _random.Next(1, 24))..];
            case 2: return text[..at];
            case 3: return text[..at] + (char)_random.Next(0, 0x80) + text[at..];
            case 4: return text[..at] + (char)_random.Next(0, 0x10000) + text[at..];
            case 5:
            {
                var from = _random.Next(text.Length);
                return text[..at] + text.Substring(from, Math.Min(text.Length - from, _random.Next(1, 60))) + text[at..];
            }
            case 6:
            {
                var (a, b) = (_random.Next(lines.Length), _random.Next(lines.Length));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return string.Join('\n', lines);
            }
            case 7:
            {
                // A duplicate line is a duplicate key in most places.
                var line = _random.Next(lines.Length);
                return string.Join('\n', lines.Take(line).Append(lines[_random.Next(lines.Length)]).Concat(lines.Skip(line)));
            }
            case 8:
            {
                var line = _random.Next(lines.Length);
                lines[line] = new string(_random.Next(4) == 0 ? '\t' : ' ', _random.Next(9)) + lines[line].TrimStart();
                return string.Join('\n', lines);
            }
            case 9:
            {
                // Anchor a value and refer to it elsewhere (or inside itself).
                var colon = text.IndexOf(": ", at, StringComparison.Ordinal);
                if (colon < 0) return Token() + text;
                var with = text[..(colon + 2)] + "&x " + text[(colon + 2)..];
                var use = _random.Next(with.Length + 1);
                return with[..use] + (_random.Next(2) == 0 ? "*x" : "<<: *x\n") + with[use..];
            }
            case 10: return text[..at] + new string('[', _random.Next(1, 40)) + text[at..];
            case 11: return text[..at] + new string((char)('a' + _random.Next(26)), _random.Next(1, 5000)) + text[at..];
            case 12: return text + "---\n" + examples[_random.Next(examples.Count)];
            default: return Token() + text;
        }
    }

    private string Token() => Tokens[_random.Next(Tokens.Length)];

    private byte[] MutateBytes(byte[] bytes)
    {
        var list = bytes.ToList();
        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            var at = _random.Next(list.Count + 1);
            byte[] insert = _random.Next(4) switch
            {
                0 => [(byte)_random.Next(0x80, 0x100)],
                1 => [0xED, 0xA0, 0x80],            // an encoded surrogate, which UTF-8 forbids
                2 => [0xC0, 0xAF],                  // an overlong encoding
                _ => [0xEF, 0xBB, 0xBF],            // a byte order mark, anywhere
            };
            list.InsertRange(at, insert);
        }
        if (_random.Next(6) == 0) list.InsertRange(0, _random.Next(2) == 0 ? [0xFF, 0xFE] : [0xFE, 0xFF]);
        return [.. list];
    }
}
