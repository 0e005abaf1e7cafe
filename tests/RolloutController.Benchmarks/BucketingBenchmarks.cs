using BenchmarkDotNet.Attributes;
using RolloutController.Bucketing;

namespace RolloutController.Benchmarks;

/// <summary>
/// MurmurHash3 bucketing of one targeting key. 8 bytes is a short user id, 36 a UUID, 600 is past the 512-byte
/// stack buffer so the key is hashed from a pooled array.
/// </summary>
[MemoryDiagnoser]
public class BucketingBenchmarks
{
    private const string FlagKey = "new-checkout";
    private string _targetingKey = "";

    [Params(8, 36, 600)]
    public int KeyLength { get; set; }

    [GlobalSetup]
    public void Setup() =>
        _targetingKey = string.Concat(Enumerable.Range(0, KeyLength).Select(i => (char)('a' + (i * 7 % 26))));

    [Benchmark]
    public int BucketOf() => RolloutBuckets.BucketOf(FlagKey, _targetingKey);

    [Benchmark]
    public bool IsOn() => RolloutBuckets.IsOn(FlagKey, _targetingKey, 12.5m);
}
