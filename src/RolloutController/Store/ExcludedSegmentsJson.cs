using System.Collections.Immutable;
using System.Text.Json;
using RolloutController.Analysis.Segments;
using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>
/// Excluded segments as a JSON array:
/// <c>[{"guardrail":"error-rate","labels":{"plan":"free"},"stageIndex":1,"reason":"…","at":"2026-11-01T00:00:00+00:00"}]</c>.
/// </summary>
internal static class ExcludedSegmentsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(ImmutableList<ExcludedSegment> segments) =>
        JsonSerializer.Serialize(segments.Select(e => new Row(
            e.Guardrail, e.Segment.Labels.ToDictionary(l => l.Name, l => l.Value, StringComparer.Ordinal), e.StageIndex, e.Reason,
            StoredTime.Normalize(e.At))), Options);

    public static ImmutableList<ExcludedSegment> Deserialize(string json) =>
        (JsonSerializer.Deserialize<List<Row>>(json, Options) ?? throw new JsonException("excluded segments are null"))
        .Select(r => new ExcludedSegment(
            r.Guardrail ?? throw new JsonException("excluded segment without guardrail"),
            new Segment((r.Labels ?? throw new JsonException("excluded segment without labels")).Select(l => new SegmentLabel(l.Key, l.Value))),
            r.StageIndex, r.Reason ?? "", r.At))
        .ToImmutableList();

    /// <summary>The segments as they read back: times in UTC, whole microseconds.</summary>
    public static ImmutableList<ExcludedSegment> Normalize(ImmutableList<ExcludedSegment> segments) =>
        segments.Select(e => e with { At = StoredTime.Normalize(e.At) }).ToImmutableList();

    private sealed record Row(string? Guardrail, Dictionary<string, string>? Labels, int StageIndex, string? Reason, DateTimeOffset At);
}
