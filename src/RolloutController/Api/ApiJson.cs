using System.Text.Json;
using System.Text.Json.Serialization;

namespace RolloutController.Api;

/// <summary>One JSON shape for the API and for rolloutctl's --output json: camelCase, enums as strings.</summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        return options;
    }
}
