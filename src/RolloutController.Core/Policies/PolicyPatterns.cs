using System.Text.RegularExpressions;

namespace RolloutController.Policies;

/// <summary>Formats of names in a policy; the JSON Schema (docs/schema/rollout-policy.v1.json) repeats them.</summary>
internal static partial class PolicyPatterns
{
    public const string ApiVersion = "rollout-controller/v1";
    public const string Kind = "RolloutPolicy";

    /// <summary>Lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters.</summary>
    public const string PolicyName = "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$";

    /// <summary>Letters, digits, '-', '_' and '.', 1 to 128 characters.</summary>
    public const string FlagKey = "^[A-Za-z0-9_.-]{1,128}$";

    [GeneratedRegex(PolicyName, RegexOptions.CultureInvariant)]
    public static partial Regex PolicyNameRegex();

    [GeneratedRegex(FlagKey, RegexOptions.CultureInvariant)]
    public static partial Regex FlagKeyRegex();
}
