using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RolloutController.Store;

namespace RolloutController.IntegrationTests.Store;

public sealed class StoreOptionsValidationTests
{
    private static ValidateOptionsResult Validate(StoreOptions options) => new StoreOptionsValidator().Validate(null, options);

    [Fact]
    public void Defaults_are_sqlite_on_a_local_file()
    {
        var options = new StoreOptions();

        Validate(options).Succeeded.ShouldBeTrue();
        options.Provider.ShouldBe("sqlite");
        options.EffectiveConnectionString.ShouldBe("Data Source=rollout-controller.db");
    }

    [Theory]
    [InlineData("sqlite", null)]
    [InlineData("SQLite", "Data Source=/var/lib/rollouts/state.db;Default Timeout=10")]
    [InlineData("postgres", "Host=db;Database=rollouts;Username=rollouts;Password=secret")]
    public void Valid_settings_pass(string provider, string? connectionString)
    {
        Validate(new StoreOptions { Provider = provider, ConnectionString = connectionString }).Succeeded.ShouldBeTrue();
    }

    [Theory]
    [InlineData("mysql")]
    [InlineData("")]
    [InlineData("memory")]
    public void An_unknown_provider_names_the_value_and_the_allowed_ones(string provider)
    {
        var result = Validate(new StoreOptions { Provider = provider });

        result.Failed.ShouldBeTrue();
        var failure = result.Failures.ShouldHaveSingleItem();
        failure.ShouldContain($"RolloutController:Store:Provider '{provider}'");
        failure.ShouldContain("sqlite, postgres");
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:01")]
    [InlineData("00:10:00.001")]
    public void The_refresh_interval_is_more_than_0_and_at_most_10_minutes(string interval)
    {
        var value = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture);
        var result = Validate(new StoreOptions { RefreshInterval = value });

        result.Failures.ShouldHaveSingleItem().ShouldContain($"RolloutController:Store:RefreshInterval '{value}'");
    }

    [Theory]
    [InlineData("23:59:59", false)]
    [InlineData("-1.00:00:00", false)]
    [InlineData("1.00:00:00", true)]
    [InlineData("00:00:00", true)]
    public void Retention_is_at_least_a_day_or_zero_to_keep_everything(string retention, bool valid)
    {
        var value = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture);
        var result = Validate(new StoreOptions { Retention = value });

        if (valid) result.Succeeded.ShouldBeTrue(string.Join("; ", result.Failures ?? []));
        else result.Failures.ShouldHaveSingleItem().ShouldContain($"RolloutController:Store:Retention '{value}'");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Postgres_requires_a_connection_string(string? connectionString)
    {
        var result = Validate(new StoreOptions { Provider = "postgres", ConnectionString = connectionString });

        result.Failures.ShouldHaveSingleItem().ShouldContain("RolloutController:Store:ConnectionString is required");
    }

    [Theory]
    [InlineData("postgres", "Host=db;Colour=blue;Password=hunter2")]
    [InlineData("sqlite", "Data Source=x.db;Colour=blue;Password=hunter2")]
    public void A_malformed_connection_string_is_reported_without_its_secrets(string provider, string connectionString)
    {
        var failure = Validate(new StoreOptions { Provider = provider, ConnectionString = connectionString }).Failures.ShouldHaveSingleItem();

        failure.ShouldContain("RolloutController:Store:ConnectionString is not valid");
        failure.ShouldContain("colour", Case.Insensitive);
        failure.ShouldNotContain("hunter2");
    }

    [Fact]
    public void The_configured_store_is_registered_as_a_singleton()
    {
        using var provider = Services(new() { ["RolloutController:Store:ConnectionString"] = "Data Source=:memory:" });

        var store = provider.GetRequiredService<IRolloutStore>();

        store.ShouldBeOfType<ObservedRolloutStore>().Inner.ShouldBeOfType<GroupCommitRolloutStore>().Inner.ShouldBeOfType<SqlRolloutStore>();
        provider.GetRequiredService<IRolloutStore>().ShouldBeSameAs(store);
    }

    [Fact]
    public void An_invalid_configuration_fails_on_first_use_with_every_failure()
    {
        using var provider = Services(new() { ["RolloutController:Store:Provider"] = "oracle" });

        var error = Should.Throw<OptionsValidationException>(() => provider.GetRequiredService<IRolloutStore>());

        error.Message.ShouldContain("'oracle'");
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddRolloutStore(configuration).BuildServiceProvider();
    }
}
