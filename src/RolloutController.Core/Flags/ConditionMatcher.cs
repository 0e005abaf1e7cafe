namespace RolloutController.Flags;

/// <summary>
/// Whether a context meets a condition, a segment or a rule. An attribute the context does not carry, or carries with
/// another type than the operator compares (a number for <c>startsWith</c>, a string for <c>gt</c>, a string that is
/// not a version for <c>semverGte</c>), makes the condition false — for negated operators too — never an error.
/// </summary>
internal static class ConditionMatcher
{
    public static bool Matches<TContext>(Condition condition, TContext context) where TContext : IEvaluationContext
    {
        if (!context.TryGet(condition.Attribute, out var value)) return false;
        var values = condition.Values;
        var first = values[0];
        switch (condition.Operator)
        {
            case ConditionOperator.EqualTo:
                return value.SameAs(first);
            case ConditionOperator.NotEqualTo:
                return value.Kind == first.Kind && !value.SameAs(first);
            case ConditionOperator.In:
                foreach (var v in values)
                    if (value.SameAs(v)) return true;
                return false;
            case ConditionOperator.NotIn:
                if (value.Kind != first.Kind) return false;
                foreach (var v in values)
                    if (value.SameAs(v)) return false;
                return true;
            case ConditionOperator.StartsWith:
                return value.Kind == ContextValueKind.String && value.Text!.StartsWith(first.Text!, StringComparison.Ordinal);
            case ConditionOperator.EndsWith:
                return value.Kind == ContextValueKind.String && value.Text!.EndsWith(first.Text!, StringComparison.Ordinal);
            case ConditionOperator.Lt:
                return value.Kind == ContextValueKind.Number && value.Number < first.Number;
            case ConditionOperator.Lte:
                return value.Kind == ContextValueKind.Number && value.Number <= first.Number;
            case ConditionOperator.Gt:
                return value.Kind == ContextValueKind.Number && value.Number > first.Number;
            case ConditionOperator.Gte:
                return value.Kind == ContextValueKind.Number && value.Number >= first.Number;
            default:
                return value.Kind == ContextValueKind.String
                       && SemanticVersion.TryCompare(value.Text, first.Text, out var order)
                       && condition.Operator switch
                       {
                           ConditionOperator.SemverLt => order < 0,
                           ConditionOperator.SemverLte => order <= 0,
                           ConditionOperator.SemverGt => order > 0,
                           _ => order >= 0,
                       };
        }
    }

    public static bool MatchesAll<TContext>(Condition[] conditions, TContext context) where TContext : IEvaluationContext
    {
        foreach (var condition in conditions)
            if (!Matches(condition, context)) return false;
        return true;
    }

    /// <summary>In the segment: the targeting key is listed, or the segment has conditions and the context meets them all.</summary>
    public static bool InSegment<TContext>(SegmentDefinition segment, TContext context) where TContext : IEvaluationContext
    {
        if (segment.Keys.Count > 0 && context.TargetingKey is { Length: > 0 } key && segment.Keys.Contains(key)) return true;
        return segment.When.Length > 0 && MatchesAll(segment.When, context);
    }

    /// <summary>A rule matches when the context is in its segment (if it names one) and meets its conditions.</summary>
    public static bool RuleMatches<TContext>(FlagRule rule, SegmentDefinition? segment, TContext context) where TContext : IEvaluationContext =>
        (rule.Segment is null || (segment is not null && InSegment(segment, context))) && MatchesAll(rule.When, context);
}
