using System.Data.Common;
using RolloutController.Flags;

namespace RolloutController.Store;

/// <summary>How a <see cref="FlagSwitch"/> maps to a row of <c>flag_switches</c>.</summary>
internal static class FlagSwitchRow
{
    private const string Columns = "flag_key, off, actor, reason, switched_at, version";

    public const string SelectSql = $"SELECT {Columns} FROM flag_switches ORDER BY flag_key";

    // A first switch inserts (a lost race inserts nothing); later ones update only the version they were decided on.
    public const string InsertSql =
        $"INSERT INTO flag_switches ({Columns}) VALUES (@flag_key, @off, @actor, @reason, @switched_at, @version) ON CONFLICT (flag_key) DO NOTHING";

    public const string UpdateSql =
        "UPDATE flag_switches SET off = @off, actor = @actor, reason = @reason, switched_at = @switched_at, version = @version " +
        "WHERE flag_key = @flag_key AND version = @expected_version";

    public static void AddParameters(DbCommand command, SqlDialect dialect, FlagSwitch flagSwitch)
    {
        dialect.AddParameter(command, "flag_key", flagSwitch.FlagKey);
        dialect.AddParameter(command, "off", flagSwitch.Off);
        dialect.AddParameter(command, "actor", flagSwitch.Actor);
        dialect.AddParameter(command, "reason", flagSwitch.Reason);
        dialect.AddParameter(command, "switched_at", flagSwitch.At);
        dialect.AddParameter(command, "version", flagSwitch.Version);
        dialect.AddParameter(command, "expected_version", flagSwitch.Version - 1);
    }

    public static FlagSwitch Read(DbDataReader reader, SqlDialect dialect) =>
        new(reader.GetString(0), reader.GetBoolean(1), reader.GetString(2), reader.GetString(3), dialect.GetTime(reader, 4), reader.GetInt64(5));

    /// <summary>The switch exactly as <see cref="Read"/> returns it once stored (times to whole microseconds, UTC).</summary>
    public static FlagSwitch AsStored(FlagSwitch flagSwitch) => flagSwitch with { At = StoredTime.Normalize(flagSwitch.At) };
}
