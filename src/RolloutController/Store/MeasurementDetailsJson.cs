using System.Text.Json;
using System.Text.Json.Serialization;
using RolloutController.Analysis;

namespace RolloutController.Store;

/// <summary>
/// <see cref="MeasurementDetails"/> as a JSON object (camelCase, absent fields left out); null stays SQL NULL.
/// Named floating-point literals are allowed so that nothing the analysis records can fail to store.
/// </summary>
internal static class MeasurementDetailsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string? Serialize(MeasurementDetails? details) => details is null ? null : JsonSerializer.Serialize(details, Options);

    public static MeasurementDetails? Deserialize(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<MeasurementDetails>(json, Options) ?? throw new JsonException("details are null");
}
