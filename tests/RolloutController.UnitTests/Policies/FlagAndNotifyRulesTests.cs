using RolloutController.Policies;
namespace RolloutController.UnitTests.Policies;

/// <summary>Rules for <c>spec.flag</c> and <c>spec.notify</c>.</summary>
public sealed class FlagAndNotifyRulesTests
{
    [Theory]
    [InlineData("new checkout")]
    [InlineData("checkout/v2")]
    [InlineData("''")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("a2345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901")]
    public void Flag_keys_use_letters_digits_dash_underscore_and_dot_up_to_128(string key)
    {
        var error = PolicyYaml.SingleError(PolicyYaml.With("key: new-checkout", $"key: {key}"));

        error.Path.ShouldBe("spec.flag.key");
        (error.Line, error.Column).ShouldBe((13, 10));
        if (key != "''")
            error.Message.ShouldBe($"'{key}' is not a valid flag key: use 1 to 128 letters, digits, '-', '_' or '.', and not '.' or '..' alone (they cannot be used in a URL path)");
    }

    [Theory]
    [InlineData("A")]
    [InlineData("payments.fallback_processor-2")]
    [InlineData("...")]
    [InlineData(".hidden")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567")]
    public void Valid_flag_keys_are_accepted(string key) =>
        PolicyYaml.Load(PolicyYaml.With("key: new-checkout", $"key: {key}")).Policies.Single().Flag.Key.ShouldBe(key);

    private static readonly Dictionary<string, FlagPlatform> Providers = new()
    {
        ["builtin"] = FlagPlatform.Builtin,
        ["unleash-prod"] = FlagPlatform.Unleash,
    };

    [Fact]
    public void Providers_are_checked_against_the_configured_connections_when_given()
    {
        var unleash = PolicyYaml.With("key: new-checkout", "key: new-checkout\n    provider: unleash-prod");
        PolicyYaml.Load(unleash, knownProviders: Providers).Policies.Single().Flag.Provider.ShouldBe("unleash-prod");
        PolicyYaml.Load(PolicyYaml.With("key: new-checkout", "key: new-checkout\n    provider: builtin"), knownProviders: Providers)
            .Diagnostics.ShouldBeEmpty();
        PolicyYaml.Errors(unleash).ShouldBeEmpty();
        PolicyYaml.Load(PolicyYaml.With("key: new-checkout", "key: new-checkout\n    provider: launchdarkly"), knownProviders: Providers)
            .Diagnostics.Single().ShouldBe(new(PolicyYaml.File, 14, 15, "spec.flag.provider",
                "unknown flag provider 'launchdarkly'; known providers: builtin, unleash-prod (connections are configured under RolloutController:FlagPlatforms)"));
    }

    [Fact]
    public void An_unleash_backed_policy_takes_whole_percent_weights_only()
    {
        var text = PolicyYaml.With("key: new-checkout", "key: new-checkout\n    provider: unleash-prod");
        text.ShouldContain("- weight: 1\n");
        var decimals = text.Replace("- weight: 1\n", "- weight: 0.5\n", StringComparison.Ordinal);

        PolicyYaml.Errors(decimals).ShouldBeEmpty("the builtin backend serves thousandths of a percent");
        var error = PolicyYaml.Load(decimals, knownProviders: Providers).Diagnostics.Single();
        error.Path.ShouldBe("spec.stages[0].weight");
        error.Message.ShouldBe("must be a whole percent for an Unleash-backed flag (Unleash's flexibleRollout has whole-percent granularity), got 0.5");
    }

    [Fact]
    public void An_unleash_backed_policy_excludes_segments_of_one_label_only()
    {
        static string Excluding(string labels) => PolicyYaml.With("key: new-checkout", "key: new-checkout\n    provider: unleash-prod")
            .Replace("sum(rate(errors_total", $"sum by ({labels}) (rate(errors_total", StringComparison.Ordinal)
            .Replace("[5m]))'", "[5m])))'", StringComparison.Ordinal)
            .Replace("max: 0.01", $"max: 0.01\n        by: [{labels}]\n        onSegmentBreach: exclude", StringComparison.Ordinal);

        PolicyYaml.Load(Excluding("plan"), knownProviders: Providers).Diagnostics.ShouldBeEmpty();
        PolicyYaml.Errors(Excluding("plan, region")).ShouldBeEmpty("the builtin backend excludes any segment");
        PolicyYaml.Load(Excluding("plan, region"), knownProviders: Providers).Diagnostics.Single().ShouldBe(new(PolicyYaml.File, 14, 15, "spec.flag.provider",
            "guardrail 'error-rate' excludes segments of several labels (plan, region), which Unleash constraints cannot express; " +
            "group it by one label for an Unleash-backed flag"));
    }

    [Fact]
    public void Notify_entries_must_not_be_empty() =>
        PolicyYaml.SingleError(PolicyYaml.With("notify: [oncall-payments]", "notify: [oncall-payments, '']"))
            .ShouldBe(new(PolicyYaml.File, 25, 29, "spec.notify[1]", "must not be empty"));

    [Fact]
    public void Notify_routes_are_checked_against_the_known_ones_when_given()
    {
        var text = PolicyYaml.With("notify: [oncall-payments]", "notify: [oncall-payments, oncall-search]");

        PolicyYaml.Errors(text, knownRoutes: null).ShouldBeEmpty();
        PolicyYaml.Errors(text, new HashSet<string> { "oncall-search", "oncall-payments" }).ShouldBeEmpty();
        PolicyYaml.SingleError(PolicyYaml.With("notify: [oncall-payments]", "notify: [oncall-paymnts]"), new HashSet<string> { "oncall-search", "oncall-payments" })
            .ShouldBe(new(PolicyYaml.File, 25, 12, "spec.notify[0]", "unknown notification route 'oncall-paymnts'; known routes: oncall-payments, oncall-search"));
        PolicyYaml.SingleError(PolicyYaml.Valid, new HashSet<string>()).Message.ShouldBe("unknown notification route 'oncall-payments'; none are configured");
    }
}
