using System.Data.Common;

namespace RolloutController.Store;

/// <summary>Runs one SQL statement on an open connection, inside the transaction when there is one.</summary>
internal static class StoreCommands
{
    /// <returns>The number of rows affected.</returns>
    public static async Task<int> ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, Action<DbCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        bind(command);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
