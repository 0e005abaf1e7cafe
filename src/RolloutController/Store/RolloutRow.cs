using System.Data.Common;
using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>How a <see cref="RolloutState"/> maps to a row of <c>rollouts</c>.</summary>
internal static class RolloutRow
{
    private static readonly string[] Columns =
    [
        "flag_key", "policy_name", "policy_revision", "phase", "stage_index", "weight", "stage_started_at",
        "hold_served_ticks", "hold_counting_since", "hold_waived", "streaks", "consecutive_error_rounds",
        "consecutive_no_data_rounds", "pause_reason", "last_measured_at", "updated_at", "version",
        "excluded_segments", "consecutive_inconclusive_rounds", "approvals", "resumed_by", "approval_requested_stage",
        "freeze_override",
    ];

    public static string SelectSql { get; } = $"SELECT {string.Join(", ", Columns)} FROM rollouts";

    public static string InsertSql { get; } =
        $"INSERT INTO rollouts ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "@" + c))}) " +
        "ON CONFLICT (flag_key) DO NOTHING";

    public static string UpdateSql { get; } =
        $"UPDATE rollouts SET {string.Join(", ", Columns.Skip(1).Select(c => $"{c} = @{c}"))} " +
        "WHERE flag_key = @flag_key AND version = @expected_version";

    /// <summary>Adds one parameter per column; <c>version</c> is <paramref name="newVersion"/>.</summary>
    public static void AddParameters(DbCommand command, SqlDialect dialect, RolloutState state, long newVersion)
    {
        dialect.AddParameter(command, "flag_key", state.FlagKey);
        dialect.AddParameter(command, "policy_name", state.PolicyName);
        dialect.AddParameter(command, "policy_revision", state.PolicyRevision);
        dialect.AddParameter(command, "phase", state.Phase);
        dialect.AddParameter(command, "stage_index", state.StageIndex);
        dialect.AddParameter(command, "weight", state.Weight);
        dialect.AddParameter(command, "stage_started_at", state.StageStartedAt);
        dialect.AddParameter(command, "hold_served_ticks", state.HoldServed.Ticks);
        dialect.AddParameter(command, "hold_counting_since", state.HoldCountingSince);
        dialect.AddParameter(command, "hold_waived", state.HoldWaived);
        dialect.AddJsonParameter(command, "streaks", StreaksJson.Serialize(state.Streaks));
        dialect.AddParameter(command, "consecutive_error_rounds", state.ConsecutiveErrorRounds);
        dialect.AddParameter(command, "consecutive_no_data_rounds", state.ConsecutiveNoDataRounds);
        dialect.AddParameter(command, "pause_reason", state.PauseReason);
        dialect.AddParameter(command, "last_measured_at", state.LastMeasuredAt);
        dialect.AddParameter(command, "updated_at", state.UpdatedAt);
        dialect.AddParameter(command, "version", newVersion);
        dialect.AddJsonParameter(command, "excluded_segments", ExcludedSegmentsJson.Serialize(state.ExcludedSegments));
        dialect.AddParameter(command, "consecutive_inconclusive_rounds", state.ConsecutiveInconclusiveRounds);
        dialect.AddJsonParameter(command, "approvals", ApprovalsJson.Serialize(state.Approvals));
        dialect.AddParameter(command, "resumed_by", state.ResumedBy);
        dialect.AddParameter(command, "approval_requested_stage", state.ApprovalRequestedStage);
        dialect.AddJsonParameter(command, "freeze_override", FreezeOverrideJson.Serialize(state.FreezeOverride));
    }

    public static RolloutState Read(DbDataReader reader, SqlDialect dialect) => new()
    {
        FlagKey = reader.GetString(0),
        PolicyName = reader.GetString(1),
        PolicyRevision = reader.IsDBNull(2) ? null : reader.GetString(2),
        Phase = Enum.Parse<RolloutPhase>(reader.GetString(3)),
        StageIndex = reader.GetInt32(4),
        Weight = dialect.GetDecimal(reader, 5),
        StageStartedAt = reader.IsDBNull(6) ? null : dialect.GetTime(reader, 6),
        HoldServed = TimeSpan.FromTicks(reader.GetInt64(7)),
        HoldCountingSince = reader.IsDBNull(8) ? null : dialect.GetTime(reader, 8),
        HoldWaived = reader.GetBoolean(9),
        Streaks = StreaksJson.Deserialize(reader.GetString(10)),
        ConsecutiveErrorRounds = reader.GetInt32(11),
        ConsecutiveNoDataRounds = reader.GetInt32(12),
        PauseReason = reader.IsDBNull(13) ? null : reader.GetString(13),
        LastMeasuredAt = reader.IsDBNull(14) ? null : dialect.GetTime(reader, 14),
        UpdatedAt = dialect.GetTime(reader, 15),
        Version = reader.GetInt64(16),
        ExcludedSegments = ExcludedSegmentsJson.Deserialize(reader.GetString(17)),
        ConsecutiveInconclusiveRounds = reader.GetInt32(18),
        Approvals = ApprovalsJson.Deserialize(reader.GetString(19)),
        ResumedBy = reader.IsDBNull(20) ? null : reader.GetString(20),
        ApprovalRequestedStage = reader.GetInt32(21),
        FreezeOverride = reader.IsDBNull(22) ? null : FreezeOverrideJson.Deserialize(reader.GetString(22)),
    };

    /// <summary>The state exactly as <see cref="Read"/> will return it after it is stored with <paramref name="version"/>.</summary>
    public static RolloutState AsStored(RolloutState state, long version) => state with
    {
        StageStartedAt = StoredTime.Normalize(state.StageStartedAt),
        HoldCountingSince = StoredTime.Normalize(state.HoldCountingSince),
        Streaks = StreaksJson.Normalize(state.Streaks),
        LastMeasuredAt = StoredTime.Normalize(state.LastMeasuredAt),
        UpdatedAt = StoredTime.Normalize(state.UpdatedAt),
        ExcludedSegments = ExcludedSegmentsJson.Normalize(state.ExcludedSegments),
        Approvals = ApprovalsJson.Normalize(state.Approvals),
        FreezeOverride = state.FreezeOverride is { } o ? o with { At = StoredTime.Normalize(o.At) } : null,
        Version = version,
    };
}
