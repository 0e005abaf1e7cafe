using Microsoft.Extensions.Options;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>A controller with bad configuration refuses to start and names every problem at once.</summary>
[Collection(ControllerCollection.Name)]
public sealed class InvalidConfigurationTests
{
    [Fact]
    public async Task Host_fails_to_start_listing_every_failure()
    {
        var setup = new ControllerSetup
        {
            Policies = [TestPolicy.FourStages("checkout")],
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:Store:Provider"] = "mysql",
                ["RolloutController:Api:Tokens:0:Token"] = "short",
                ["RolloutController:Prometheus:Url"] = "ftp://prometheus:9090",
                ["RolloutController:Prometheus:Retries"] = "-1",
                ["RolloutController:Notifications:MaxAttempts"] = "0",
                ["RolloutController:Notifications:PrometheusUrl"] = "https://prometheus.example.com",
            },
        };

        var ex = await Should.ThrowAsync<OptionsValidationException>(() => RunningController.StartAsync(setup));

        ex.Failures.ShouldContain("RolloutController:Store:Provider 'mysql' is not supported; use one of: sqlite, postgres.");
        ex.Failures.ShouldContain("RolloutController:Api:Tokens:0:Token must be at least 16 characters, got 5");
        ex.Failures.ShouldContain("RolloutController:Prometheus:Url must be an absolute http or https URL (was 'ftp://prometheus:9090')");
        ex.Failures.ShouldContain("RolloutController:Prometheus:Retries must be between 0 and 10 (was '-1')");
        ex.Failures.ShouldContain(f => f.StartsWith("RolloutController:Notifications:MaxAttempts", StringComparison.Ordinal));
        ex.Failures.ShouldContain("RolloutController:Notifications:PrometheusUrl is no longer read (got 'https://prometheus.example.com'): " +
            "set RolloutController:Prometheus:ExternalUrl instead; graph links in notifications come from it, else from Prometheus:Url");
        ex.Failures.Count().ShouldBe(6, string.Join(Environment.NewLine, ex.Failures));
        ex.Message.ShouldContain("mysql");
        ex.Message.ShouldContain("ftp://prometheus:9090");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_reported_with_its_key()
    {
        var setup = new ControllerSetup
        {
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:Prometheus:Timeout"] = "ten seconds",
                ["RolloutController:Api:Tokens:0:Roles:0"] = "superuser",
            },
        };

        var ex = await Should.ThrowAsync<OptionsValidationException>(() => RunningController.StartAsync(setup));

        ex.Failures.ShouldContain(f => f.Contains("RolloutController:Prometheus:Timeout", StringComparison.Ordinal));
        ex.Failures.ShouldContain(f => f.Contains("unknown role 'superuser'", StringComparison.Ordinal));
    }
}
