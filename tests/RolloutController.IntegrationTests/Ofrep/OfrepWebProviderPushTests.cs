using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using RolloutController.Flags;
using RolloutController.Flags.Builtin;
using RolloutController.Flags.Changes;
using RolloutController.Policies;
using RolloutController.Rollouts;
using RolloutController.TestUtilities.Processes;
using Xunit.Abstractions;

namespace RolloutController.IntegrationTests.Ofrep;

/// <summary>
/// Runs tests/js/ofrep-web (node --test): the released OpenFeature web SDK and OFREP web provider, with polling off,
/// learn of changes only through the event stream the bulk response advertises.
/// </summary>
public sealed class OfrepWebProviderPushTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_OpenFeature_web_provider_refreshes_by_push()
    {
        var feed = new FlagChangeBroadcaster(TimeProvider.System);
        var catalog = new BuiltinFlagCatalog(feed);
        catalog.Set(new ServedFlag("push-me", 0m, RolloutPhase.Pending, 0, "push", FlagType.Release));

        // Test-only: lets the node test change what is served, as a rollout or an abort would.
        await using var server = await OfrepServer.StartAsync(catalog, feed, map: (app, _) => app.MapPost("/test/serve", (HttpContext http) =>
        {
            var q = http.Request.Query;
            catalog.Set(new ServedFlag(q["flag"]!, decimal.Parse(q["weight"]!, CultureInfo.InvariantCulture),
                Enum.Parse<RolloutPhase>(q["phase"]!), 0, "push", FlagType.Release));
            return Results.NoContent();
        }));

        var log = await NodeTestRun.RunAsync("ofrep-web", "@openfeature/ofrep-web-provider",
            new Dictionary<string, string> { ["OFREP_ENDPOINT"] = server.BaseAddress.GetLeftPart(UriPartial.Authority) });

        output.WriteLine(log);
        log.ShouldContain("push refresh:");
    }
}
