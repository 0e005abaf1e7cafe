using System.Text.Json;
using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>
/// A rollout's freeze override as a JSON object:
/// <c>{"actor":"alice","reason":"…","revision":"3f2a…","at":"2026-12-21T09:00:00+00:00"}</c>; null when none was given.
/// </summary>
internal static class FreezeOverrideJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string? Serialize(FreezeOverride? granted) =>
        granted is null ? null : JsonSerializer.Serialize(granted with { At = StoredTime.Normalize(granted.At) }, Options);

    public static FreezeOverride Deserialize(string json) =>
        JsonSerializer.Deserialize<FreezeOverride>(json, Options) ?? throw new JsonException("the freeze override is null");
}
