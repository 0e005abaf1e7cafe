namespace RolloutController.Flags;

/// <summary>
/// How a condition compares an attribute with its literal(s). Written in YAML in camelCase (<c>notIn</c>,
/// <c>semverGte</c>); docs/flags.md lists each with the types it accepts.
/// </summary>
internal enum ConditionOperator
{
    EqualTo,
    NotEqualTo,
    In,
    NotIn,
    StartsWith,
    EndsWith,
    Lt,
    Lte,
    Gt,
    Gte,
    SemverLt,
    SemverLte,
    SemverGt,
    SemverGte,
}
