namespace RolloutController.Flags;

/// <summary>The operators' names as written in YAML, and which literal type each takes.</summary>
internal static class ConditionOperators
{
    public static IReadOnlyList<(string Name, ConditionOperator Operator)> All { get; } =
    [
        ("equals", ConditionOperator.EqualTo),
        ("notEquals", ConditionOperator.NotEqualTo),
        ("in", ConditionOperator.In),
        ("notIn", ConditionOperator.NotIn),
        ("startsWith", ConditionOperator.StartsWith),
        ("endsWith", ConditionOperator.EndsWith),
        ("lt", ConditionOperator.Lt),
        ("lte", ConditionOperator.Lte),
        ("gt", ConditionOperator.Gt),
        ("gte", ConditionOperator.Gte),
        ("semverLt", ConditionOperator.SemverLt),
        ("semverLte", ConditionOperator.SemverLte),
        ("semverGt", ConditionOperator.SemverGt),
        ("semverGte", ConditionOperator.SemverGte),
    ];

    public static string[] Names { get; } = All.Select(o => o.Name).ToArray();

    public static string NameOf(ConditionOperator op) => All.First(o => o.Operator == op).Name;

    public static bool IsList(ConditionOperator op) => op is ConditionOperator.In or ConditionOperator.NotIn;

    public static bool IsNumeric(ConditionOperator op) =>
        op is ConditionOperator.Lt or ConditionOperator.Lte or ConditionOperator.Gt or ConditionOperator.Gte;

    public static bool IsSemver(ConditionOperator op) =>
        op is ConditionOperator.SemverLt or ConditionOperator.SemverLte or ConditionOperator.SemverGt or ConditionOperator.SemverGte;

    public static bool IsText(ConditionOperator op) => op is ConditionOperator.StartsWith or ConditionOperator.EndsWith;
}
