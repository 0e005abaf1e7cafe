namespace RolloutController.Policies;

/// <summary>The flag a policy drives.</summary>
/// <param name="Key">Flag key as services ask for it over OFREP.</param>
/// <param name="Provider">Where the weight is applied. Only <c>builtin</c> (served by this controller) today.</param>
internal sealed record FlagSpec(string Key, string Provider = FlagSpec.BuiltinProvider)
{
    public const string BuiltinProvider = "builtin";
}
