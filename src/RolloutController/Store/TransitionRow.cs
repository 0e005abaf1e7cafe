using System.Data.Common;
using RolloutController.Rollouts;

namespace RolloutController.Store;

/// <summary>How a <see cref="Transition"/> maps to a row of the append-only <c>transitions</c> table.</summary>
internal static class TransitionRow
{
    private const string Columns =
        "flag_key, trigger_event, from_phase, to_phase, from_stage, to_stage, from_weight, to_weight, actor, reason, occurred_at";

    public const string InsertSql =
        $"INSERT INTO transitions ({Columns}) VALUES (@flag_key, @trigger_event, @from_phase, @to_phase, @from_stage, " +
        "@to_stage, @from_weight, @to_weight, @actor, @reason, @occurred_at)";

    public const string NewestSql =
        $"SELECT {Columns} FROM transitions WHERE flag_key = @flag_key ORDER BY occurred_at DESC, id DESC LIMIT @limit";

    public static void AddParameters(DbCommand command, SqlDialect dialect, Transition transition)
    {
        dialect.AddParameter(command, "flag_key", transition.FlagKey);
        dialect.AddParameter(command, "trigger_event", transition.Trigger);
        dialect.AddParameter(command, "from_phase", transition.From);
        dialect.AddParameter(command, "to_phase", transition.To);
        dialect.AddParameter(command, "from_stage", transition.FromStage);
        dialect.AddParameter(command, "to_stage", transition.ToStage);
        dialect.AddParameter(command, "from_weight", transition.FromWeight);
        dialect.AddParameter(command, "to_weight", transition.ToWeight);
        dialect.AddParameter(command, "actor", transition.Actor);
        dialect.AddParameter(command, "reason", transition.Reason);
        dialect.AddParameter(command, "occurred_at", transition.At);
    }

    public static Transition Read(DbDataReader reader, SqlDialect dialect) => new(
        reader.GetString(0),
        Enum.Parse<RolloutTrigger>(reader.GetString(1)),
        Enum.Parse<RolloutPhase>(reader.GetString(2)),
        Enum.Parse<RolloutPhase>(reader.GetString(3)),
        reader.GetInt32(4),
        reader.GetInt32(5),
        dialect.GetDecimal(reader, 6),
        dialect.GetDecimal(reader, 7),
        reader.GetString(8),
        reader.GetString(9),
        dialect.GetTime(reader, 10));
}
