using Microsoft.Data.Sqlite;

namespace RolloutController.Store.Sqlite;

/// <summary>
/// An exclusive operating-system lock on <c>&lt;database&gt;.lock</c>, held while the instance lives. On Linux and macOS
/// .NET takes it with <c>flock(LOCK_EX | LOCK_NB)</c> for <see cref="FileShare.None"/>, on Windows with a share mode:
/// either way a second process (or a second controller in this one) cannot take it, and it goes with the process
/// however that ends, so a crash leaves nothing to clean up. The file itself stays; only the lock matters.
/// </summary>
internal sealed class SqliteFileLock : IDisposable
{
    private readonly FileStream _stream;

    private SqliteFileLock(FileStream stream) => _stream = stream;

    /// <summary>The lock file's full path.</summary>
    public string LockPath => _stream.Name;

    /// <summary>The database file a SQLite connection string opens, as a full path; null for an in-memory database.</summary>
    public static string? DatabaseFile(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (builder.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(source) || source == ":memory:") return null;
        return Path.GetFullPath(source);
    }

    /// <summary>The lock file of <paramref name="databaseFile"/>: the same path with <c>.lock</c> appended.</summary>
    public static string LockFileOf(string databaseFile) => databaseFile + ".lock";

    /// <summary>Takes the lock of <paramref name="databaseFile"/>, or says why it could not: another holder, or the file system.</summary>
    public static bool TryAcquire(string databaseFile, out SqliteFileLock? fileLock, out string? problem)
    {
        var path = LockFileOf(databaseFile);
        fileLock = null;
        problem = null;
        try
        {
            fileLock = new SqliteFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            problem =
                $"the SQLite store '{databaseFile}' is in use by another controller process (it holds '{path}'). " +
                "On SQLite the controller is a single process: a second one would serve flags its rounds never changed. " +
                "Stop the other process, or point this one at another file; several replicas need PostgreSQL " +
                "(RolloutController:Store:Provider=postgres, see docs/storage.md).";
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot create the lock file '{path}' of the SQLite store: {e.Message}";
            return false;
        }
    }

    public void Dispose() => _stream.Dispose();
}
