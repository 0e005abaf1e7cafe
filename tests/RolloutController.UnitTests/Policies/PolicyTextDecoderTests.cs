using System.Text;
using RolloutController.Policies;

namespace RolloutController.UnitTests.Policies;

public sealed class PolicyTextDecoderTests
{
    [Fact]
    public void Utf8_with_or_without_a_byte_order_mark_is_read()
    {
        PolicyTextDecoder.Decode("a.yaml", "kind: café"u8, out var problem).ShouldBe("kind: café");
        problem.ShouldBeNull();
        PolicyTextDecoder.Decode("a.yaml", [0xEF, 0xBB, 0xBF, .. "kind: x"u8], out _).ShouldBe("kind: x");
    }

    [Fact]
    public void Utf16_with_a_byte_order_mark_is_read()
    {
        PolicyTextDecoder.Decode("a.yaml", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("kind: x")], out _).ShouldBe("kind: x");
        PolicyTextDecoder.Decode("a.yaml", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes("kind: x")], out _).ShouldBe("kind: x");
    }

    [Fact]
    public void Invalid_utf8_is_an_error_at_its_line_and_column()
    {
        byte[] latin1 = [.. "apiVersion: x\nowner: caf"u8, 0xE9, .. "\n"u8];

        PolicyTextDecoder.Decode("a.yaml", latin1, out var problem).ShouldBeNull();

        problem.ShouldBe(new PolicyDiagnostic("a.yaml", 2, 11, "", "the file is not valid UTF-8 (byte 0xE9 at offset 24); save it as UTF-8"));
    }

    [Fact]
    public void An_encoded_surrogate_is_not_utf8()
    {
        PolicyTextDecoder.Decode("a.yaml", [.. "a: "u8, 0xED, 0xA0, 0x80], out var problem).ShouldBeNull();

        problem!.Message.ShouldStartWith("the file is not valid UTF-8 (byte 0xED at offset 3)");
    }

    [Fact]
    public void Invalid_utf16_is_an_error()
    {
        PolicyTextDecoder.Decode("a.yaml", [0xFF, 0xFE, 0x00, 0xD8, 0x61, 0x00], out var problem).ShouldBeNull();

        problem!.Message.ShouldBe("the file starts with a UTF-16 byte order mark but is not valid UTF-16; save it as UTF-8");
    }

    [Fact]
    public void More_bytes_than_the_limit_are_refused()
    {
        PolicyTextDecoder.Decode("a.yaml", new byte[PolicyLimits.MaxFileBytes + 1], out var problem).ShouldBeNull();

        problem!.Message.ShouldStartWith("the file has 1048577 bytes; a policy file may have at most 1048576 bytes");
    }
}
