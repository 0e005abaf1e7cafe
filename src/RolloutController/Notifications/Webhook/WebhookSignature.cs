using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace RolloutController.Notifications.Webhook;

/// <summary>
/// HMAC-SHA256 signature of a webhook delivery. The signed content is <c>"{timestamp}.{body}"</c>, with the timestamp in
/// Unix seconds as sent in <c>X-RolloutController-Timestamp</c>, so a captured request cannot be replayed later with a new
/// timestamp. Header value: <c>sha256=&lt;lowercase hex&gt;</c>.
/// </summary>
internal static class WebhookSignature
{
    public const string SignatureHeader = "X-RolloutController-Signature";
    public const string TimestampHeader = "X-RolloutController-Timestamp";
    public const string DeliveryHeader = "X-RolloutController-Delivery";
    public const string Prefix = "sha256=";

    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var timestamp = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var content = new byte[timestamp.Length + body.Length];
        timestamp.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(timestamp.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), content);
        return Prefix + Convert.ToHexStringLower(mac);
    }

    /// <summary>Constant-time comparison of a received header value with the expected signature.</summary>
    public static bool Verify(string secret, long unixSeconds, ReadOnlySpan<byte> body, string? header) =>
        header is not null &&
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(secret, unixSeconds, body)),
            Encoding.ASCII.GetBytes(header));
}
