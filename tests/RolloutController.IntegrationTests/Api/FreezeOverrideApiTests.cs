using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Api;

/// <summary>
/// Overriding the controller-wide freeze for one policy through the real host: a release manager of the flag's owner
/// only, with a reason; the rollout then starts while every other stays frozen; recorded in the history and the audit log.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class FreezeOverrideApiTests(GuardrailMetricsFixture fixture)
{
    private const string Fix = "payments-fix";
    private const string Other = "payments-feature";
    private const string SearchReleaseManager = "search-release-manager-token-0123456789";

    private static async Task<(HttpStatusCode Status, JsonElement Body)> OverrideAsync(RunningController controller, string flag, string? token, string reason)
    {
        using var response = await controller.Api.CommandAsync(flag, "override-freeze", token, reason);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    [Fact]
    public async Task Only_a_release_manager_of_the_owner_overrides_the_freeze_and_only_that_rollout_starts()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var controller = await fixture.Metrics.StartControllerAsync(
        [
            TestPolicy.FourStages(Fix) with { Owner = "team-payments" },
            TestPolicy.FourStages(Other) with { Owner = "team-payments" },
        ], setup => setup with
        {
            Overrides = new Dictionary<string, string?>
            {
                ["RolloutController:ReleaseCalendar:Freezes:0:From"] = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["RolloutController:ReleaseCalendar:Freezes:0:To"] = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["RolloutController:ReleaseCalendar:Freezes:0:Reason"] = "year-end freeze",
                ["RolloutController:Api:Tokens:8:Name"] = "search-rm",
                ["RolloutController:Api:Tokens:8:Token"] = SearchReleaseManager,
                ["RolloutController:Api:Tokens:8:Roles:0"] = "release-manager",
                ["RolloutController:Api:Tokens:8:Teams:0"] = "team-search",
            },
        });
        var frozen = await controller.Api.GetRolloutAsync(Fix);
        ControllerApiClient.Phase(frozen).ShouldBe("Pending");
        frozen.GetProperty("blocked")[0].GetString()!.ShouldStartWith("frozen: year-end freeze until ");

        var operatorTry = await OverrideAsync(controller, Fix, TestTokens.OnCall, "ship it");
        var otherTeam = await OverrideAsync(controller, Fix, SearchReleaseManager, "ship it");
        var noReason = await OverrideAsync(controller, Fix, TestTokens.Operator, " ");

        operatorTry.Status.ShouldBe(HttpStatusCode.Forbidden);
        operatorTry.Body.GetProperty("detail").GetString()!.ShouldStartWith(
            "'on-call' may not override-freeze flag 'payments-fix' (owner team-payments): it needs the 'release-manager' role for team-payments");
        otherTeam.Status.ShouldBe(HttpStatusCode.Forbidden);
        otherTeam.Body.GetProperty("missingScope").GetString().ShouldBe("team-payments");
        noReason.Status.ShouldBe(HttpStatusCode.BadRequest);
        ControllerApiClient.Phase(await controller.Api.GetRolloutAsync(Fix)).ShouldBe("Pending");

        var granted = await OverrideAsync(controller, Fix, TestTokens.Operator, "INC-4211 fix must ship");
        granted.Status.ShouldBe(HttpStatusCode.OK, granted.Body.ToString());
        var given = granted.Body.GetProperty("freezeOverride");
        (given.GetProperty("actor").GetString(), given.GetProperty("reason").GetString()).ShouldBe((TestTokens.OperatorName, "INC-4211 fix must ship"));
        (await OverrideAsync(controller, Fix, TestTokens.Operator, "again")).Body.GetProperty("detail").GetString()!
            .ShouldStartWith("the freeze is already overridden for this revision of 'payments-fix' by 'release-manager'");

        var started = await controller.Api.WaitForRolloutAsync(Fix, d => ControllerApiClient.Phase(d) == "Observing", TimeSpan.FromSeconds(20), "the start");
        started.GetProperty("rollout").GetProperty("weight").GetDecimal().ShouldBe(1m);
        ControllerApiClient.Phase(await controller.Api.GetRolloutAsync(Other)).ShouldBe("Pending");

        using var audit = new HttpRequestMessage(HttpMethod.Get, "api/v1/audit?limit=1000");
        audit.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Admin);
        using var response = await controller.Client.SendAsync(audit);
        var entries = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var entry = (entries.ValueKind == JsonValueKind.Array ? entries : entries.GetProperty("entries")).EnumerateArray()
            .Single(e => e.GetProperty("action").GetString() == "overridefreeze");
        (entry.GetProperty("subject").GetString(), entry.GetProperty("actor").GetString(), entry.GetProperty("role").GetString(), entry.GetProperty("reason").GetString())
            .ShouldBe(($"flag/{Fix}", TestTokens.OperatorName, "release-manager", "INC-4211 fix must ship"));
    }
}
