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

    [Fact]
    public void Only_the_builtin_provider_is_known()
    {
        PolicyYaml.Errors(PolicyYaml.With("key: new-checkout", "key: new-checkout\n    provider: builtin")).ShouldBeEmpty();
        PolicyYaml.SingleError(PolicyYaml.With("key: new-checkout", "key: new-checkout\n    provider: launchdarkly"))
            .ShouldBe(new(PolicyYaml.File, 14, 15, "spec.flag.provider", "unknown flag provider 'launchdarkly'; known providers: builtin"));
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
