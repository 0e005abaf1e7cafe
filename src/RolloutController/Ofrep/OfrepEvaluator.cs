using System.Text.Json;
using RolloutController.Flags;

namespace RolloutController.Ofrep;

/// <summary>
/// What one flag serves to one OFREP evaluation context: <see cref="FlagEvaluator"/> over the request's JSON, the
/// resolved variant's name and value. Allocation-free unless rules read string attributes or the flag has excluded segments.
/// </summary>
internal static class OfrepEvaluator
{
    public static FlagEvaluation Evaluate(ServableFlag flag, string? targetingKey, JsonElement context = default) =>
        FlagEvaluation.Of(flag, FlagEvaluator.Evaluate(flag, new OfrepContext(targetingKey, context)));

    /// <summary>A flag driven by a rollout policy without a Flag document.</summary>
    public static FlagEvaluation Evaluate(ServedFlag flag, string? targetingKey, JsonElement context = default) =>
        Evaluate(flag.Implicit, targetingKey, context);
}
