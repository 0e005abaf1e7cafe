using System.Collections.Immutable;
using System.Text.Json;
using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>Guardrail streaks as a JSON object: <c>{"latency": {"failures": 2, "failingSince": "2026-11-01T00:00:00+00:00"}}</c>.</summary>
internal static class StreaksJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(ImmutableDictionary<string, GuardrailStreak> streaks) =>
        JsonSerializer.Serialize(Normalize(streaks), Options);

    public static ImmutableDictionary<string, GuardrailStreak> Deserialize(string json) =>
        (JsonSerializer.Deserialize<Dictionary<string, GuardrailStreak>>(json, Options)
            ?? throw new JsonException("streaks are null")).ToImmutableDictionary();

    /// <summary>The streaks as they read back: times in UTC, whole microseconds.</summary>
    public static ImmutableDictionary<string, GuardrailStreak> Normalize(ImmutableDictionary<string, GuardrailStreak> streaks) =>
        streaks.ToImmutableDictionary(
            entry => entry.Key,
            entry => entry.Value with { FailingSince = StoredTime.Normalize(entry.Value.FailingSince) });
}
