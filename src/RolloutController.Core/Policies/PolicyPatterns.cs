using System.Text.RegularExpressions;

namespace RolloutController.Policies;

/// <summary>Formats of names in a policy; the JSON Schema (docs/schema/rollout-policy.v1.json) repeats them.</summary>
internal static partial class PolicyPatterns
{
    public const string ApiVersion = "rollout-controller/v1";
    public const string Kind = "RolloutPolicy";
    public const string FlagKind = "Flag";
    public const string SegmentKind = "Segment";

    /// <summary>Every document kind a policy file may hold.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [Kind, FlagKind, SegmentKind];

    /// <summary>A variant's name: letters, digits, '-', '_' and '.', 1 to 64 characters (OFREP returns it as <c>variant</c>).</summary>
    public const string VariantName = "^[A-Za-z0-9_.-]{1,64}$";

    /// <summary>Lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.</summary>
    public const string PolicyName = "^" + PolicyNameBody + "$";

    private const string PolicyNameBody = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    /// <summary>
    /// Letters, digits, '-', '_' and '.', 1 to 128 characters, but not '.' or '..': the key is a URL path segment
    /// (<c>/ofrep/v1/evaluate/flags/{key}</c>, <c>/api/v1/rollouts/{flag}/abort</c>), and clients and servers remove
    /// those two segments (RFC 3986 §5.2.4), so such a flag would be served but out of reach of the kill switch.
    /// </summary>
    public const string FlagKey = "^" + FlagKeyBody + "$";

    private const string FlagKeyBody = @"(?!\.\.?$)[A-Za-z0-9_.-]{1,128}";

    private const string FlagKeyBodyToEnd = @"(?!\.\.?\z)[A-Za-z0-9_.-]{1,128}";

    // .NET's '$' also matches before a final newline ("checkout\n" would pass); '\z' is the true end of input.

    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,64}\z", RegexOptions.CultureInvariant)]
    public static partial Regex VariantNameRegex();

    [GeneratedRegex(@"^[^\u0000-\u001f]{1,128}\z", RegexOptions.CultureInvariant)]
    public static partial Regex AttributeNameRegex();

    [GeneratedRegex("^" + PolicyNameBody + @"\z", RegexOptions.CultureInvariant)]
    public static partial Regex PolicyNameRegex();

    [GeneratedRegex("^" + FlagKeyBodyToEnd + @"\z", RegexOptions.CultureInvariant)]
    public static partial Regex FlagKeyRegex();

    /// <summary>
    /// An absolute http(s) URL with a host and no whitespace (runbooks). The schema's pattern is this one; the validator
    /// also has .NET parse it, which only refines what the pattern lets through.
    /// </summary>
    public const string HttpUrl = @"^https?://[^\s/?#@]+([/?#]\S*)?$";

    [GeneratedRegex(@"^https?://[^\s/?#@]+([/?#]\S*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex HttpUrlRegex();

    public static bool IsHttpUrl(string value) =>
        HttpUrlRegex().IsMatch(value) && Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Host.Length > 0;
}
