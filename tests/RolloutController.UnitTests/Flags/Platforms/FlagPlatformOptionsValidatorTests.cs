using RolloutController.Flags.Platforms;
using RolloutController.Policies;

namespace RolloutController.UnitTests.Flags.Platforms;

public sealed class FlagPlatformOptionsValidatorTests
{
    private static FlagPlatformConnection Unleash() => new()
    {
        Type = "unleash", Url = "https://unleash.example.com", TokenEnv = "UNLEASH_PROD_TOKEN", Environment = "production",
    };

    private static IReadOnlyList<string> Failures(FlagPlatformOptions options, Func<string, string?>? environment) =>
        new FlagPlatformOptionsValidator(environment).Validate(null, options).Failures?.ToList() ?? [];

    private static FlagPlatformOptions With(string name, FlagPlatformConnection connection)
    {
        var options = new FlagPlatformOptions();
        options.Connections[name] = connection;
        return options;
    }

    [Fact]
    public void A_complete_connection_is_valid_and_becomes_a_known_provider()
    {
        var options = With("unleash-prod", Unleash());

        Failures(options, _ => "secret").ShouldBeEmpty();
        options.KnownProviders().ShouldBe(new Dictionary<string, FlagPlatform> { ["builtin"] = FlagPlatform.Builtin, ["unleash-prod"] = FlagPlatform.Unleash });
    }

    [Fact]
    public void An_unknown_type_is_an_error_listing_the_allowed_ones()
    {
        var connection = Unleash();
        connection.Type = "launchdarkly-typo";

        Failures(With("ld", connection), null).ShouldBe(["RolloutController:FlagPlatforms:ld:Type 'launchdarkly-typo' is not a flag platform type; use one of: unleash"]);
    }

    [Fact]
    public void Every_problem_is_listed_with_its_key_and_value()
    {
        var connection = new FlagPlatformConnection { Type = "unleash", Url = "unleash.local", Project = " ", Timeout = TimeSpan.Zero };

        Failures(With("builtin", connection), null).ShouldBe(
        [
            "RolloutController:FlagPlatforms:builtin: 'builtin' cannot name a connection: use letters, digits, '-', '_' or '.', and not 'builtin'",
            "RolloutController:FlagPlatforms:builtin:Url must be an absolute http(s) URL (got 'unleash.local')",
            "RolloutController:FlagPlatforms:builtin:TokenEnv must name the environment variable holding the API token (the token itself is never configured)",
            "RolloutController:FlagPlatforms:builtin:Project must not be empty (got ' ')",
            "RolloutController:FlagPlatforms:builtin:Environment must name the platform's environment the rollout drives, e.g. production (got '')",
            "RolloutController:FlagPlatforms:builtin:Timeout must be positive (got 00:00:00)",
        ]);
    }

    [Fact]
    public void The_token_variable_must_be_set_at_start_up_but_offline_it_is_only_named()
    {
        var options = With("unleash-prod", Unleash());

        Failures(options, _ => null).ShouldBe(["RolloutController:FlagPlatforms:unleash-prod:TokenEnv names the environment variable 'UNLEASH_PROD_TOKEN', which is not set"]);
        Failures(options, environment: null).ShouldBeEmpty();
    }
}
