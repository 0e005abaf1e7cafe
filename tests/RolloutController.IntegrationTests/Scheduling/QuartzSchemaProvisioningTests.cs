using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;
using RolloutController.Scheduling;
using RolloutController.TestUtilities.Postgres;

namespace RolloutController.IntegrationTests.Scheduling;

/// <summary>
/// Quartz's tables are created by the replicas themselves when they start: several of them starting at the same moment
/// on a database without the tables must all come up, on one schema.
/// </summary>
public sealed class QuartzSchemaProvisioningTests
{
    private const int Replicas = 6;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Replicas_starting_together_on_an_empty_database_all_start(int attempt)
    {
        await using var database = await PostgresDatabase.CreateAsync($"quartz_schema_{attempt}");
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starts = Enumerable.Range(0, Replicas).Select(async _ =>
        {
            await go.Task;
            var services = Services(database.ConnectionString);
            var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.Start();
            return (services, scheduler);
        }).ToList();
        go.SetResult();

        var started = await Task.WhenAll(starts);
        try
        {
            foreach (var (_, scheduler) in started)
            {
                (await scheduler.GetStatus()).ShouldBe(SchedulerStatus.Running);
                (await scheduler.GetMetadata()).JobStoreClustered.ShouldBeTrue();
            }
            (await QuartzTablesAsync(database.ConnectionString)).ShouldContain($"{SchedulingServiceCollectionExtensions.TablePrefix}triggers");
        }
        finally
        {
            foreach (var (services, scheduler) in started)
            {
                await scheduler.Shutdown(waitForJobsToComplete: false);
                await services.DisposeAsync();
            }
        }
    }

    private static ServiceProvider Services(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["RolloutController:Store:Provider"] = "postgres",
            ["RolloutController:Store:ConnectionString"] = connectionString,
        }).Build();
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddRolloutScheduling(configuration, TimeProvider.System);
        return services.BuildServiceProvider();
    }

    private static async Task<List<string>> QuartzTablesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'qrtz%' ORDER BY table_name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }
}
