using System.Text.Json;
using System.Text.Json.Serialization;
using RolloutController.Rollouts;

namespace RolloutController.Store.Journal;

/// <summary>
/// One line of the journal: <c>{"op":"pending","entry":{…}}</c> when a safety move is applied, <c>{"op":"stored","id":…}</c>
/// once the store has it. The rollout state is written with the store's own JSON for streaks and excluded segments.
/// </summary>
internal static class JournalJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static string Pending(JournalEntry entry) => JsonSerializer.Serialize(new Line("pending", entry.Id, Dto.Of(entry)), Options);

    public static string Stored(string id) => JsonSerializer.Serialize(new Line("stored", id, null), Options);

    /// <summary>Reads one line; null for a line that is not a journal record (a torn last write, hand edits).</summary>
    public static (string Op, string Id, JournalEntry? Entry)? Read(string line)
    {
        try
        {
            var parsed = JsonSerializer.Deserialize<Line>(line, Options);
            if (parsed is null || parsed.Id is null || parsed.Op is not ("pending" or "stored")) return null;
            return (parsed.Op, parsed.Id, parsed.Entry?.ToEntry());
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or FormatException)
        {
            return null;
        }
    }

    private sealed record Line(string Op, string Id, Dto? Entry);

    private sealed record Dto(
        string Id, string PolicyName, StateDto State, IReadOnlyList<Transition> Transitions, IReadOnlyList<OutboxDelivery> Deliveries, DateTimeOffset At)
    {
        public static Dto Of(JournalEntry e) => new(e.Id, e.PolicyName, StateDto.Of(e.State), e.Transitions, e.Deliveries, e.At);

        public JournalEntry ToEntry() => new(Id, PolicyName, State.ToState(), Transitions, Deliveries, At);
    }

    private sealed record StateDto(
        string FlagKey, string PolicyName, string? PolicyRevision, RolloutPhase Phase, int StageIndex, decimal Weight, DateTimeOffset? StageStartedAt,
        long HoldServedTicks, DateTimeOffset? HoldCountingSince, bool HoldWaived, string Streaks, int ConsecutiveErrorRounds,
        int ConsecutiveNoDataRounds, int ConsecutiveInconclusiveRounds, string ExcludedSegments, string? PauseReason,
        DateTimeOffset? LastMeasuredAt, DateTimeOffset UpdatedAt, long Version, string? Approvals = null, string? ResumedBy = null,
        int ApprovalRequestedStage = -1, string? FreezeOverride = null)
    {
        public static StateDto Of(RolloutState s) => new(
            s.FlagKey, s.PolicyName, s.PolicyRevision, s.Phase, s.StageIndex, s.Weight, s.StageStartedAt, s.HoldServed.Ticks, s.HoldCountingSince,
            s.HoldWaived, StreaksJson.Serialize(s.Streaks), s.ConsecutiveErrorRounds, s.ConsecutiveNoDataRounds, s.ConsecutiveInconclusiveRounds,
            ExcludedSegmentsJson.Serialize(s.ExcludedSegments), s.PauseReason, s.LastMeasuredAt, s.UpdatedAt, s.Version,
            ApprovalsJson.Serialize(s.Approvals), s.ResumedBy, s.ApprovalRequestedStage, FreezeOverrideJson.Serialize(s.FreezeOverride));

        public RolloutState ToState() => new()
        {
            FlagKey = FlagKey, PolicyName = PolicyName, PolicyRevision = PolicyRevision, Phase = Phase, StageIndex = StageIndex, Weight = Weight,
            StageStartedAt = StageStartedAt, HoldServed = TimeSpan.FromTicks(HoldServedTicks), HoldCountingSince = HoldCountingSince,
            HoldWaived = HoldWaived, Streaks = StreaksJson.Deserialize(Streaks), ConsecutiveErrorRounds = ConsecutiveErrorRounds,
            ConsecutiveNoDataRounds = ConsecutiveNoDataRounds, ConsecutiveInconclusiveRounds = ConsecutiveInconclusiveRounds,
            ExcludedSegments = ExcludedSegmentsJson.Deserialize(ExcludedSegments), PauseReason = PauseReason, LastMeasuredAt = LastMeasuredAt,
            UpdatedAt = UpdatedAt, Version = Version,
            // Entries journaled before approvals existed have none.
            Approvals = Approvals is null ? [] : ApprovalsJson.Deserialize(Approvals), ResumedBy = ResumedBy,
            ApprovalRequestedStage = ApprovalRequestedStage,
            FreezeOverride = FreezeOverride is null ? null : FreezeOverrideJson.Deserialize(FreezeOverride),
        };
    }
}
