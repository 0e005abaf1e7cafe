using System.Data.Common;
using RolloutController.Analysis;

namespace RolloutController.Store;

/// <summary>How a <see cref="MeasurementRecord"/> maps to a row of the <c>measurements</c> table.</summary>
internal static class MeasurementRow
{
    private const string Columns = "flag_key, stage_index, weight, guardrail, verdict, value, threshold, query, detail, measured_at, details";

    public const string InsertSql =
        $"INSERT INTO measurements ({Columns}) VALUES (@flag_key, @stage_index, @weight, @guardrail, @verdict, @value, " +
        "@threshold, @query, @detail, @measured_at, @details)";

    public const string PruneSql = "DELETE FROM measurements WHERE measured_at < @before";

    public const string NewestSql =
        $"SELECT {Columns} FROM measurements WHERE flag_key = @flag_key ORDER BY measured_at DESC, id DESC LIMIT @limit";

    public static void AddParameters(DbCommand command, SqlDialect dialect, MeasurementRecord record)
    {
        var measurement = record.Measurement;
        dialect.AddParameter(command, "flag_key", record.FlagKey);
        dialect.AddParameter(command, "stage_index", record.StageIndex);
        dialect.AddParameter(command, "weight", record.Weight);
        dialect.AddParameter(command, "guardrail", measurement.Guardrail);
        dialect.AddParameter(command, "verdict", measurement.Verdict);
        dialect.AddParameter(command, "value", measurement.Value);
        dialect.AddParameter(command, "threshold", measurement.Threshold);
        dialect.AddParameter(command, "query", measurement.Query);
        dialect.AddParameter(command, "detail", measurement.Detail);
        dialect.AddParameter(command, "measured_at", measurement.At);
        dialect.AddJsonParameter(command, "details", MeasurementDetailsJson.Serialize(measurement.Details));
    }

    public static MeasurementRecord Read(DbDataReader reader, SqlDialect dialect) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        dialect.GetDecimal(reader, 2),
        new Measurement(
            reader.GetString(3),
            Enum.Parse<Verdict>(reader.GetString(4)),
            reader.IsDBNull(5) ? null : dialect.GetDouble(reader, 5),
            reader.GetString(6),
            reader.GetString(7),
            reader.GetString(8),
            dialect.GetTime(reader, 9),
            MeasurementDetailsJson.Deserialize(reader.IsDBNull(10) ? null : reader.GetString(10))));
}
