using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace RolloutController.Ofrep;

/// <summary>
/// The ETag of a bulk evaluation. The response depends on both the catalog and the evaluation context, so the tag
/// is the first 128 bits of SHA-256 over <c>catalogETag + '\0' + canonical(context)</c>, as a strong quoted tag.
/// </summary>
internal static class BulkETag
{
    public static string Compute(string catalogETag, JsonElement context)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        buffer.Write(Encoding.UTF8.GetBytes(catalogETag));
        buffer.Write<byte>([0]);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            if (context.ValueKind == JsonValueKind.Undefined)
            {
                // No context and an empty context select the same evaluations.
                writer.WriteStartObject();
                writer.WriteEndObject();
            }
            else
            {
                CanonicalJson.Write(writer, context);
            }
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, hash);
        return $"\"{Convert.ToHexStringLower(hash[..16])}\"";
    }

    /// <summary>
    /// True when an <c>If-None-Match</c> value lists <paramref name="etag"/> (weak comparison, as RFC 9110 prescribes
    /// for If-None-Match). <c>*</c> is not honoured: a bulk request always has a representation to evaluate.
    /// </summary>
    public static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch)) return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)) return false;

        var current = new EntityTagHeaderValue(etag);
        foreach (var tag in tags)
        {
            if (!tag.Equals(EntityTagHeaderValue.Any) && tag.Compare(current, useStrongComparison: false)) return true;
        }
        return false;
    }
}
