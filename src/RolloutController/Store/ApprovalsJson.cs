using System.Collections.Immutable;
using System.Text.Json;
using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>
/// A stage's approvals as a JSON array:
/// <c>[{"actor":"alice","reason":"…","stageIndex":1,"revision":"3f2a…","at":"2026-11-01T00:00:00+00:00"}]</c>.
/// </summary>
internal static class ApprovalsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(ImmutableList<Approval> approvals) =>
        JsonSerializer.Serialize(approvals.Select(a => a with { At = StoredTime.Normalize(a.At) }), Options);

    public static ImmutableList<Approval> Deserialize(string json) =>
        (JsonSerializer.Deserialize<List<Approval>>(json, Options) ?? throw new JsonException("approvals are null")).ToImmutableList();

    /// <summary>The approvals as they read back: times in UTC, whole microseconds.</summary>
    public static ImmutableList<Approval> Normalize(ImmutableList<Approval> approvals) =>
        approvals.Select(a => a with { At = StoredTime.Normalize(a.At) }).ToImmutableList();
}
