using System.Text.Json;
using System.Text.Json.Serialization;

namespace RolloutController.Api;

/// <summary>One JSON shape for the API and for rolloutctl's --output json: camelCase, enums as strings, ±Inf as strings.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // A guardrail value may be ±Inf (a latency beyond every bucket); JSON has no such number, so it is written as the
        // string "Infinity" or "-Infinity" rather than failing the whole response.
        options.NumberHandling |= JsonNumberHandling.AllowNamedFloatingPointLiterals;
        return options;
    }
}
