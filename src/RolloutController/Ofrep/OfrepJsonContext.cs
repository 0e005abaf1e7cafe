using System.Text.Json;
using System.Text.Json.Serialization;

namespace RolloutController.Ofrep;

/// <summary>Source-generated (reflection-free) JSON for every OFREP body; camelCase names, nulls left out.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(OfrepEvaluationRequest))]
[JsonSerializable(typeof(OfrepFlagResult))]
[JsonSerializable(typeof(OfrepBulkResponse))]
[JsonSerializable(typeof(OfrepBulkFailure))]
[JsonSerializable(typeof(OfrepGeneralError))]
[JsonSerializable(typeof(OfrepRefetchEvent))]
internal sealed partial class OfrepJsonContext : JsonSerializerContext;
