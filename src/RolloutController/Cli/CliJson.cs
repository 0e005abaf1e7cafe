using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using RolloutController.Api;

namespace RolloutController.Cli;

/// <summary>The JSON options of rolloutctl: the API's (<see cref="ApiJson"/>), with source-generated metadata first.</summary>
internal static class CliJson
{
    /// <summary>
    /// <see cref="ApiJson.Options"/>' settings resolved from <see cref="CliJsonContext"/>; a type it lacks falls back to
    /// reflection, so a new document type costs start-up time, never a failure.
    /// </summary>
    public static JsonSerializerOptions Options { get; } = ApiJson.Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        TypeInfoResolver = JsonTypeInfoResolver.Combine(CliJsonContext.Default, new DefaultJsonTypeInfoResolver()),
    });
}
