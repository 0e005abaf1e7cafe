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

        Failures(With("ld", connection), null).ShouldBe(["RolloutController:FlagPlatforms:ld:Type 'launchdarkly-typo' is not a flag platform type; use one of: unleash, flagd, launchdarkly"]);
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
    public void A_launchdarkly_connection_takes_launchdarkly_s_address_unless_it_names_another()
    {
        var options = With("ld-prod", new FlagPlatformConnection { Type = "launchdarkly", TokenEnv = "LD_TOKEN", Project = "web", Environment = "production" });

        Failures(options, _ => "api-123").ShouldBeEmpty();
        options.KnownProviders()["ld-prod"].ShouldBe(FlagPlatform.LaunchDarkly);
        var bad = With("ld-prod", new FlagPlatformConnection { Type = "launchdarkly", Url = "app.launchdarkly.com", TokenEnv = "LD_TOKEN", Environment = "production" });
        Failures(bad, null).ShouldBe(["RolloutController:FlagPlatforms:ld-prod:Url must be an absolute http(s) URL (got 'app.launchdarkly.com')"]);
    }

    [Fact]
    public void The_token_variable_must_be_set_at_start_up_but_offline_it_is_only_named()
    {
        var options = With("unleash-prod", Unleash());

        Failures(options, _ => null).ShouldBe(["RolloutController:FlagPlatforms:unleash-prod:TokenEnv names the environment variable 'UNLEASH_PROD_TOKEN', which is not set"]);
        Failures(options, environment: null).ShouldBeEmpty();
    }

    [Fact]
    public void A_flagd_connection_needs_an_absolute_path_in_an_existing_directory_and_none_of_the_http_settings()
    {
        var file = Path.Combine(Path.GetTempPath(), "flags.flagd.json");
        var valid = With("flagd-prod", new FlagPlatformConnection { Type = "flagd", Path = file });
        Failures(valid, _ => null).ShouldBeEmpty();
        valid.KnownProviders()["flagd-prod"].ShouldBe(FlagPlatform.Flagd);

        var bad = With("flagd-prod", new FlagPlatformConnection { Type = "flagd", Path = "flags.json", Url = "https://flagd.example.com", TokenEnv = "T" });
        Failures(bad, null).ShouldBe([
            "RolloutController:FlagPlatforms:flagd-prod:Path must be the absolute path of the flag file flagd watches (got 'flags.json')",
            "RolloutController:FlagPlatforms:flagd-prod:Url is not used by a flagd connection, which writes the file at Path (got 'https://flagd.example.com')",
            "RolloutController:FlagPlatforms:flagd-prod:TokenEnv is not used by a flagd connection, which writes the file at Path (got 'T')",
        ]);
        var missingDirectory = With("flagd-prod", new FlagPlatformConnection { Type = "flagd", Path = "/nonexistent-dir-4711/flags.json" });
        Failures(missingDirectory, _ => null).ShouldBe(["RolloutController:FlagPlatforms:flagd-prod:Path is in the directory '/nonexistent-dir-4711', which does not exist"]);
        Failures(missingDirectory, null).ShouldBeEmpty("offline, the directory is not looked up");
        var unleashWithPath = Unleash();
        unleashWithPath.Path = file;
        Failures(With("unleash-prod", unleashWithPath), _ => "secret").ShouldBe([$"RolloutController:FlagPlatforms:unleash-prod:Path is only used by a flagd connection (got '{file}')"]);
    }

    [Fact]
    public void The_SDK_refresh_defaults_by_platform_and_is_bounded()
    {
        Unleash().SdkRefreshOrDefault.ShouldBe(TimeSpan.FromSeconds(15));
        new FlagPlatformConnection { Type = "launchdarkly" }.SdkRefreshOrDefault.ShouldBe(TimeSpan.Zero);
        new FlagPlatformConnection { Type = "flagd" }.SdkRefreshOrDefault.ShouldBe(TimeSpan.Zero);
        var polling = Unleash();
        polling.SdkRefresh = TimeSpan.FromSeconds(2);
        polling.SdkRefreshOrDefault.ShouldBe(TimeSpan.FromSeconds(2));
        Failures(With("unleash-prod", polling), _ => "secret").ShouldBeEmpty();

        var tooLong = Unleash();
        tooLong.SdkRefresh = TimeSpan.FromHours(2);
        Failures(With("unleash-prod", tooLong), _ => "secret")
            .ShouldBe(["RolloutController:FlagPlatforms:unleash-prod:SdkRefresh must be between 0 and 1 hour (got 02:00:00)"]);
    }
}
