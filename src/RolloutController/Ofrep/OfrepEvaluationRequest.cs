using System.Text.Json;

namespace RolloutController.Ofrep;

/// <summary>
/// OFREP <c>evaluationRequest</c>/<c>bulkEvaluationRequest</c>. <see cref="Context"/> is kept as raw JSON:
/// its kind decides INVALID_CONTEXT, and the bulk ETag hashes it; absent means <see cref="JsonValueKind.Undefined"/>.
/// </summary>
internal sealed class OfrepEvaluationRequest
{
    public JsonElement Context { get; init; }
}
