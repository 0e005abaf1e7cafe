using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace RolloutController.Ofrep;

/// <summary>
/// Checks that every string of an evaluation context can be read as text. The JSON parser accepts invalid UTF-8
/// inside strings and escapes of lone surrogates (<c>"\ud800"</c>), and only fails when the string is read — which
/// bucketing, segment matching and the bulk ETag all do. Found here, before any of them, it is the client's error.
/// </summary>
internal static class OfrepContextText
{
    /// <summary>The error for a context with a string that is not text, or null when every string is.</summary>
    public static OfrepRequest? Check(JsonElement context)
    {
        if (!Utf8.IsValid(JsonMarshal.GetRawUtf8Value(context)))
            return OfrepRequest.Invalid(OfrepErrorCodes.ParseError, "The request body is not valid UTF-8 JSON: the context holds bytes that are not UTF-8.");
        return Unreadable(context) is { } path
            ? OfrepRequest.Invalid(OfrepErrorCodes.InvalidContext,
                $"The context holds a string that is not valid Unicode at context{path} (an escaped lone surrogate such as \\ud800); send text only.")
            : null;
    }

    // The path below the element to its first unreadable string ("" for the element itself), or null. Depth is bounded
    // by the parser's (64). Once the bytes are valid UTF-8, only an escaped string can hold a lone surrogate, so most
    // strings are passed after one search for a backslash, and nothing is allocated unless one fails.
    private static string? Unreadable(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (Escaped(JsonMarshal.GetRawUtf8PropertyName(property)) && !Readable(property)) return ".<a member name>";
                    if (Unreadable(property.Value) is { } rest) return "." + property.Name + rest;
                }
                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Unreadable(item) is { } rest) return string.Create(CultureInfo.InvariantCulture, $"[{index}]{rest}");
                    index++;
                }
                return null;
            case JsonValueKind.String:
                return Escaped(JsonMarshal.GetRawUtf8Value(element)) && !Readable(element) ? "" : null;
            default:
                return null;
        }
    }

    private static bool Escaped(ReadOnlySpan<byte> raw) => raw.Contains((byte)'\\');

    // The parser's own decoding decides; it signals a lone surrogate with InvalidOperationException.
    private static bool Readable(JsonProperty property)
    {
        try
        {
            _ = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Readable(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
