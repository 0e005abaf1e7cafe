using System.Text.RegularExpressions;

namespace RolloutController.Policies;

/// <summary>Formats of names in a policy; the JSON Schema (docs/schema/rollout-policy.v1.json) repeats them.</summary>
internal static partial class PolicyPatterns
{
    public const string ApiVersion = "rollout-controller/v1";
    public const string Kind = "RolloutPolicy";

    /// <summary>Lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.</summary>
    public const string PolicyName = "^" + PolicyNameBody + "$";

    private const string PolicyNameBody = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    /// <summary>Letters, digits, '-', '_' and '.', 1 to 128 characters.</summary>
    public const string FlagKey = "^" + FlagKeyBody + "$";

    private const string FlagKeyBody = "[A-Za-z0-9_.-]{1,128}";

    // .NET's '$' also matches before a final newline ("checkout\n" would pass); '\z' is the true end of input.

    [GeneratedRegex("^" + PolicyNameBody + @"\z", RegexOptions.CultureInvariant)]
    public static partial Regex PolicyNameRegex();

    [GeneratedRegex("^" + FlagKeyBody + @"\z", RegexOptions.CultureInvariant)]
    public static partial Regex FlagKeyRegex();
}
