using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RolloutController.Store;

/// <summary>Checks <see cref="StoreOptions"/> up front and reports every failure at once.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var failures = new List<string>();
        var prefix = StoreOptions.SectionName;
        if (StoreProviders.IsPostgres(options.Provider))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                failures.Add($"{prefix}:ConnectionString is required when {prefix}:Provider is '{StoreProviders.Postgres}'.");
            else
                CheckConnectionString(options.ConnectionString, cs => new NpgsqlConnectionStringBuilder(cs), failures);
        }
        else if (StoreProviders.IsSqlite(options.Provider))
        {
            CheckConnectionString(options.EffectiveConnectionString, cs => new SqliteConnectionStringBuilder(cs), failures);
        }
        else
        {
            failures.Add(
                $"{prefix}:Provider '{options.Provider}' is not supported; use one of: {string.Join(", ", StoreProviders.All)}.");
        }

        if (options.RefreshInterval <= TimeSpan.Zero || options.RefreshInterval > StoreOptions.MaxRefreshInterval)
            failures.Add($"{prefix}:RefreshInterval '{options.RefreshInterval}' must be more than 0 and at most {StoreOptions.MaxRefreshInterval}.");

        if (options.Retention != TimeSpan.Zero && options.Retention < StoreOptions.MinRetention)
            failures.Add($"{prefix}:Retention '{options.Retention}' must be at least {StoreOptions.MinRetention} (a rollout's evidence must outlive its stages), or 00:00:00 to keep everything.");

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckConnectionString(string connectionString, Action<string> parse, List<string> failures)
    {
        try
        {
            parse(connectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            // The value itself may hold a password: report only what the parser objected to.
            failures.Add($"{StoreOptions.SectionName}:ConnectionString is not valid: {ex.Message}");
        }
    }
}
