namespace RolloutController.Analysis.Batching;

/// <summary>
/// The parameters of a function that batching accepts. Exactly one parameter is a vector (instant or range); the
/// function's result is an instant vector whose series keep that argument's labels.
/// </summary>
/// <param name="Parameters">Parameter types in order.</param>
/// <param name="Required">How many of them must be given (the rest are optional).</param>
internal sealed record FunctionSignature(IReadOnlyList<PromQlType> Parameters, int Required)
{
    public int VectorIndex { get; } = Parameters.ToList().FindIndex(p => p is PromQlType.InstantVector or PromQlType.RangeVector);

    public static FunctionSignature Of(params PromQlType[] parameters) => new(parameters, parameters.Length);

    public bool Accepts(IReadOnlyList<ExprFacts> arguments) =>
        arguments.Count >= Required && arguments.Count <= Parameters.Count && arguments.Select((a, i) => a.Type == Parameters[i]).All(ok => ok);

    public override string ToString() =>
        string.Join(", ", Parameters.Select((p, i) => (i < Required ? "" : "optional ") + Describe(p)));

    public static string Describe(PromQlType type) => type switch
    {
        PromQlType.Scalar => "number",
        PromQlType.InstantVector => "instant vector",
        PromQlType.RangeVector => "range vector",
        _ => "string",
    };
}
