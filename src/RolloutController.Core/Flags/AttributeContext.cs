namespace RolloutController.Flags;

/// <summary>An evaluation context over a dictionary of attributes (in-process callers, tests, benchmarks).</summary>
internal readonly struct AttributeContext(string? targetingKey, IReadOnlyDictionary<string, ContextValue> attributes) : IEvaluationContext
{
    private const string TargetingKeyAttribute = "targetingKey";

    public string? TargetingKey => targetingKey;

    public bool TryGet(string attribute, out ContextValue value)
    {
        if (attributes.TryGetValue(attribute, out value)) return true;
        if (attribute == TargetingKeyAttribute && targetingKey is not null)
        {
            value = ContextValue.Of(targetingKey);
            return true;
        }
        return false;
    }
}
