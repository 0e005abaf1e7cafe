using System.Text;

namespace RolloutController.TestUtilities.Fuzzing;

/// <summary>
/// Policy files that once made reading them throw (or overflow the stack, or never finish), each with what it did.
/// Every one must now be an invalid file with located diagnostics, in the validator and in a running controller.
/// </summary>
public static class MalformedPolicyFiles
{
    /// <summary>Name (usable as a file name), content, and what the file did before it was handled.</summary>
    public static IReadOnlyList<(string Name, byte[] Content, string Failure)> All { get; } =
    [
        ("document-end-then-text", Bytes("...\nf"), "InvalidOperationException: The scanner should contain no more tokens"),
        ("key-without-value", Bytes("      : $sche# yaml-language-server: $schema=../docs/s"), "ArgumentException: The current event is of an unsupported type"),
        ("invalid-global-tag", Bytes("{!<tag:[x2> "), "ArgumentException: Global tags must be valid URIs"),
        ("empty-tag-prefix", Bytes("\r%TAG ! "), "ArgumentNullException: Tag prefix must not be empty"),
        ("plain-scalar-in-flow", Bytes("    - {<<: *a\n wei"), "InvalidOperationException in the scanner's plain scalar"),
        ("alias-inside-itself", Bytes("? &x [*x]\n: 1\n"), "stack overflow hashing a key that contains itself"),
        ("alias-expansion", Bytes(Laughs()), "never finished hashing a key standing for 10^10 nodes"),
        ("tagged-octal-without-digits", Bytes(WithStage("!!int 0o")), "ArgumentOutOfRangeException converting the octal digits"),
        ("tagged-octal-bad-digit", Bytes(WithStage("!!int 0o9")), "FormatException converting the octal digits"),
        ("nested-100000-deep", Bytes(string.Concat(Enumerable.Repeat("{a: ", 100_000)) + new string('}', 100_000)), "stack overflow building the nested object model"),
    ];

    /// <summary>A valid policy for flag <paramref name="flag"/> (the reference every crashing file is judged against).</summary>
    public static string ValidPolicy(string flag) => $$"""
        apiVersion: rollout-controller/v1
        kind: RolloutPolicy
        metadata: { name: {{flag}}, owner: team-test, type: ops, reason: robustness test }
        spec:
          flag: { key: {{flag}} }
          stages: [{ weight: 50, hold: 1h }, { weight: 100, hold: 1h }]
          analysis:
            guardrails: [{ name: errors, query: 'up{flag="{{ flag }}"}', max: 1 }]

        """;

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string WithStage(string weight) => ValidPolicy("tagged").Replace("weight: 50", "weight: " + weight, StringComparison.Ordinal);

    // Ten aliases per level, nine levels, used as a mapping key (which YamlDotNet hashes in full).
    private static string Laughs()
    {
        var text = new StringBuilder("a0: &a0 [x,x,x,x,x,x,x,x,x,x]\n");
        for (var i = 1; i < 10; i++)
            text.Append($"a{i}: &a{i} [").AppendJoin(',', Enumerable.Repeat($"*a{i - 1}", 10)).Append("]\n");
        return text.Append("? *a9\n: 1\n").ToString();
    }
}
