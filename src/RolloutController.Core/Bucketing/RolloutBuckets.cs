using System.Buffers;
using System.Text;

namespace RolloutController.Bucketing;

/// <summary>
/// Deterministic assignment of targeting keys to a flag's "on" share, identical to flagd's <c>fractional</c>
/// operator with the variants <c>[["on", w×1000], ["off", 100000 − w×1000]]</c>:
/// <c>hash = MurmurHash3_x86_32(utf8(flagKey + targetingKey), seed 0)</c>, <c>bucket = (hash × 100000) &gt;&gt; 32</c>,
/// on iff <c>bucket &lt; w×1000</c>. A key's bucket never depends on the weight, so raising the weight only
/// adds keys: a key on at 1% stays on at 10%, 50% and 100%.
/// </summary>
internal static class RolloutBuckets
{
    /// <summary>Number of buckets: one per 0.001 percentage point.</summary>
    public const int Count = 100_000;

    /// <summary>Keys up to this many UTF-8 bytes are hashed from the stack; longer ones from a pooled buffer.</summary>
    private const int StackLimit = 512;

    /// <summary>The bucket (0..99,999) of <paramref name="targetingKey"/> for <paramref name="flagKey"/>.</summary>
    public static int BucketOf(string flagKey, string targetingKey)
    {
        var length = Encoding.UTF8.GetByteCount(flagKey) + Encoding.UTF8.GetByteCount(targetingKey);
        byte[]? rented = null;
        var buffer = length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(flagKey, buffer);
            written += Encoding.UTF8.GetBytes(targetingKey, buffer[written..]);
            return BucketOf(MurmurHash3.Hash32(buffer[..written]));
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>Maps a 32-bit hash onto 0..99,999 with flagd's multiply-shift (no modulo bias).</summary>
    public static int BucketOf(uint hash) => (int)(((ulong)hash * Count) >> 32);

    /// <summary>
    /// The number of buckets served "on" for a weight in percent: <c>w × 1000</c>, truncated to whole buckets
    /// (weights carry at most three decimals, so nothing is lost) and clamped to 0..100,000.
    /// </summary>
    public static int Threshold(decimal weightPercent)
    {
        if (weightPercent <= 0m) return 0;
        if (weightPercent >= 100m) return Count;
        return (int)decimal.Truncate(weightPercent * 1000m);
    }

    /// <summary>True when the bucket falls in the first <c>w × 1000</c> buckets.</summary>
    public static bool IsOn(int bucket, decimal weightPercent) => bucket < Threshold(weightPercent);

    /// <summary>True when <paramref name="targetingKey"/> is served "on" for <paramref name="flagKey"/> at the weight.</summary>
    public static bool IsOn(string flagKey, string targetingKey, decimal weightPercent) =>
        IsOn(BucketOf(flagKey, targetingKey), weightPercent);
}
