using System.Text;
using RolloutController.Bucketing;

namespace RolloutController.UnitTests.Bucketing;

public sealed class MurmurHash3Tests
{
    // Published MurmurHash3_x86_32 vectors (reference implementation, SMHasher verification set).
    [Theory]
    [InlineData(new byte[0], 0u, 0x00000000u)]
    [InlineData(new byte[0], 1u, 0x514E28B7u)]
    [InlineData(new byte[0], 0xffffffffu, 0x81F16F39u)]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff }, 0u, 0x76293B50u)]
    [InlineData(new byte[] { 0x21, 0x43, 0x65, 0x87 }, 0u, 0xF55B516Bu)]
    [InlineData(new byte[] { 0x21, 0x43, 0x65, 0x87 }, 0x5082EDEEu, 0x2362F9DEu)]
    [InlineData(new byte[] { 0x21, 0x43, 0x65 }, 0u, 0x7E4A8634u)]
    [InlineData(new byte[] { 0x21, 0x43 }, 0u, 0xA0F7B07Au)]
    [InlineData(new byte[] { 0x21 }, 0u, 0x72661CF4u)]
    [InlineData(new byte[] { 0, 0, 0, 0 }, 0u, 0x2362F9DEu)]
    [InlineData(new byte[] { 0, 0, 0 }, 0u, 0x85F0B427u)]
    [InlineData(new byte[] { 0, 0 }, 0u, 0x30F4C306u)]
    [InlineData(new byte[] { 0 }, 0u, 0x514E28B7u)]
    public void Matches_published_byte_vectors(byte[] data, uint seed, uint expected) =>
        MurmurHash3.Hash32(data, seed).ShouldBe(expected);

    [Theory]
    [InlineData("a", 0x9747b28cu, 0x7FA09EA6u)]
    [InlineData("aa", 0x9747b28cu, 0x5D211726u)]
    [InlineData("aaa", 0x9747b28cu, 0x283E0130u)]
    [InlineData("aaaa", 0x9747b28cu, 0x5A97808Au)]
    [InlineData("ab", 0x9747b28cu, 0x74875592u)]
    [InlineData("abc", 0x9747b28cu, 0xC84A62DDu)]
    [InlineData("abcd", 0x9747b28cu, 0xF0478627u)]
    [InlineData("Hello, world!", 0x9747b28cu, 0x24884CBAu)]
    [InlineData("ππππππππ", 0x9747b28cu, 0xD58063C1u)]
    [InlineData("The quick brown fox jumps over the lazy dog", 0u, 0x2E4FF723u)]
    public void Matches_published_string_vectors(string text, uint seed, uint expected) =>
        MurmurHash3.Hash32(Encoding.UTF8.GetBytes(text), seed).ShouldBe(expected);

    // Seed-0 values produced by the npm package imurmurhash, which @openfeature/flagd-core uses.
    [Theory]
    [InlineData("a", 1009084850u)]
    [InlineData("ab", 2613040991u)]
    [InlineData("abc", 3017643002u)]
    [InlineData("abcd", 1139631978u)]
    [InlineData("Hello, world!", 3224780355u)]
    public void Seed_zero_agrees_with_flagd_core(string text, uint expected) =>
        MurmurHash3.Hash32(Encoding.UTF8.GetBytes(text)).ShouldBe(expected);
}
