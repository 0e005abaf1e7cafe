namespace RolloutController.Store.Sqlite;

/// <summary>The SQLite store's file is locked by another controller, or its lock cannot be taken; the start stops.</summary>
internal sealed class SqliteStoreInUseException(string message) : Exception(message);
