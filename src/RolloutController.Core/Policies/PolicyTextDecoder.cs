using System.Text;
using System.Text.Unicode;

namespace RolloutController.Policies;

/// <summary>
/// Turns a policy file's bytes into text. UTF-8 (with or without a byte order mark) and, with a byte order mark,
/// UTF-16 and UTF-32, as YAML allows. Invalid bytes are an error at their line and column, not replacement
/// characters: a file in another encoding would otherwise load with altered names and queries.
/// </summary>
internal static class PolicyTextDecoder
{
    /// <summary>The file's text, or null with the problem in <paramref name="problem"/>.</summary>
    public static string? Decode(string path, ReadOnlySpan<byte> bytes, out PolicyDiagnostic? problem)
    {
        problem = null;
        if (bytes.Length > PolicyLimits.MaxFileBytes)
        {
            problem = new PolicyDiagnostic(path, 1, 1, "", TooLarge(bytes.Length));
            return null;
        }
        if (ByteOrderMark(bytes) is { } other)
        {
            try
            {
                return other.Encoding.GetString(bytes[other.Skip..]);
            }
            catch (DecoderFallbackException)
            {
                problem = new PolicyDiagnostic(path, 1, 1, "", $"the file starts with a {other.Name} byte order mark but is not valid {other.Name}; save it as UTF-8");
                return null;
            }
        }

        if (bytes.StartsWith(Utf8Bom)) bytes = bytes[Utf8Bom.Length..];
        var chars = new char[bytes.Length];
        if (Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done)
            return new string(chars, 0, written);

        var (line, column) = Position(bytes[..read]);
        problem = new PolicyDiagnostic(path, line, column, "",
            $"the file is not valid UTF-8 (byte 0x{bytes[read]:X2} at offset {read}); save it as UTF-8");
        return null;
    }

    /// <summary>The message for a file over <see cref="PolicyLimits.MaxFileBytes"/>.</summary>
    public static string TooLarge(long bytes) =>
        $"the file has {bytes} bytes; a policy file may have at most {PolicyLimits.MaxFileBytes} bytes (1 MiB): split it into several files";

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static (Encoding Encoding, int Skip, string Name)? ByteOrderMark(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4, "UTF-32"),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4, "UTF-32"),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2, "UTF-16"),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2, "UTF-16"),
        _ => null,
    };

    // Line and column (in characters) just past valid UTF-8 text.
    private static (int Line, int Column) Position(ReadOnlySpan<byte> valid)
    {
        var lineStart = valid.LastIndexOf((byte)'\n') + 1;
        var line = valid.Count((byte)'\n') + 1;
        return (line, Encoding.UTF8.GetCharCount(valid[lineStart..]) + 1);
    }
}
