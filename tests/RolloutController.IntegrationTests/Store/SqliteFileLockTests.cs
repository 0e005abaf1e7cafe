using RolloutController.Store.Sqlite;

namespace RolloutController.IntegrationTests.Store;

/// <summary>The lock on a real file system: exclusive while held, free again once released.</summary>
public sealed class SqliteFileLockTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("rollout-lock-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Only_one_holder_at_a_time_and_free_again_after_release()
    {
        var database = Path.Combine(_directory, "rollouts.db");

        SqliteFileLock.TryAcquire(database, out var held, out _).ShouldBeTrue();
        SqliteFileLock.TryAcquire(database, out var second, out var problem).ShouldBeFalse();
        second.ShouldBeNull();
        problem!.ShouldStartWith($"the SQLite store '{database}' is in use by another controller process (it holds '{database}.lock').");
        held!.LockPath.ShouldBe(database + ".lock");

        held.Dispose();
        SqliteFileLock.TryAcquire(database, out var again, out _).ShouldBeTrue();
        again!.Dispose();
    }

    [Fact]
    public void A_directory_that_does_not_exist_is_a_problem_naming_the_lock_file()
    {
        var database = Path.Combine(_directory, "missing", "rollouts.db");

        SqliteFileLock.TryAcquire(database, out _, out var problem).ShouldBeFalse();

        problem!.ShouldStartWith($"cannot create the lock file '{database}.lock' of the SQLite store:");
    }

    [Theory]
    [InlineData("Data Source=:memory:", null)]
    [InlineData("Data Source=shared;Mode=Memory", null)]
    [InlineData("Data Source=/var/lib/rollouts/rollouts.db;Default Timeout=5", "/var/lib/rollouts/rollouts.db")]
    public void The_database_file_comes_from_the_connection_string(string connectionString, string? file) =>
        SqliteFileLock.DatabaseFile(connectionString).ShouldBe(file);
}
