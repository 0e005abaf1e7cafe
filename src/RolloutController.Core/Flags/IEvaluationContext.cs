namespace RolloutController.Flags;

/// <summary>
/// What a flag is evaluated for: the targeting key and named attributes. Implemented by structs (over a JSON request, a
/// dictionary) so the evaluator, generic over it, neither boxes nor allocates.
/// </summary>
internal interface IEvaluationContext
{
    /// <summary>The key splits bucket by; null or empty when the context has none.</summary>
    string? TargetingKey { get; }

    /// <summary>The attribute's value; false when the context does not carry it. <c>targetingKey</c> is an attribute too.</summary>
    bool TryGet(string attribute, out ContextValue value);
}
