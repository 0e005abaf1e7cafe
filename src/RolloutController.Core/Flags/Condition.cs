namespace RolloutController.Flags;

/// <summary>One test of one attribute: <c>plan: { in: [enterprise] }</c> is attribute <c>plan</c>, operator In, one literal.</summary>
/// <param name="Values">The literal(s): one for every operator but <c>in</c>/<c>notIn</c>.</param>
internal sealed record Condition(string Attribute, ConditionOperator Operator, ContextValue[] Values);
