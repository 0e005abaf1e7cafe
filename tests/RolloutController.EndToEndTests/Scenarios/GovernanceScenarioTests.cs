using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using static RolloutController.EndToEndTests.Scenarios.RolloutScenario;

namespace RolloutController.EndToEndTests.Scenarios;

/// <summary>
/// Who may change what, through the real host: given a live ramp owned by team-payments, when another team's operator
/// pauses it then it is refused and nothing changes; when an audit entry is edited in the database then verify names it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class GovernanceScenarioTests
{
    private const string SearchOperatorToken = "e2e-search-operator-token-0123456789";
    private const string AdminToken = "e2e-admin-token-0123456789";

    [Fact]
    public async Task A_scoped_operator_is_refused_on_another_teams_flag_and_audit_verify_catches_a_tampered_row()
    {
        // Given a ramp owned by team-payments, an operator limited to team-search and an admin.
        await using var scenario = await GivenPolicyAsync("""
                - { weight: 1, hold: 2s }
                - { weight: 50, hold: 1h }
            """,
            settings: _ => new Dictionary<string, string?>
            {
                ["RolloutController:Api:Tokens:1:Name"] = "search-oncall",
                ["RolloutController:Api:Tokens:1:Token"] = SearchOperatorToken,
                ["RolloutController:Api:Tokens:1:Roles:0"] = "operator",
                ["RolloutController:Api:Tokens:1:Teams:0"] = "team-search",
                ["RolloutController:Api:Tokens:2:Name"] = "auditor",
                ["RolloutController:Api:Tokens:2:Token"] = AdminToken,
                ["RolloutController:Api:Tokens:2:Roles:0"] = "admin",
            });
        var advanced = await scenario.WaitForAsync(s => Stage(s) == 2, TimeSpan.FromSeconds(60), "the ramp to reach 50%");

        // When the other team's operator pauses it, then it is refused with the scope missing and the ramp goes on.
        using (var pause = new HttpRequestMessage(HttpMethod.Post, $"api/v1/rollouts/{Flag}/pause") { Content = JsonContent.Create(new { reason = "wrong flag" }) })
        {
            pause.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SearchOperatorToken);
            using var refused = await scenario.Controller.Http.SendAsync(pause);
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            var detail = await refused.Content.ReadAsStringAsync();
            detail.ShouldContain("'search-oncall' may not pause flag 'new-checkout' (owner team-payments)");
            detail.ShouldContain("\"missingScope\":\"team-payments\"");
        }
        var after = await scenario.Controller.StatusAsync(Flag);
        (Phase(after), Stage(after)).ShouldBe((Phase(advanced), 2));
        History(after).ShouldNotContain(t => t["trigger"]!.GetValue<string>() == "pause");

        // When an audit entry is edited in the database by hand, then verify names the first broken link.
        (await VerifyAsync(scenario)).ShouldContain("\"intact\":true");
        await using (var connection = new SqliteConnection($"Data Source={scenario.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit_log SET reason = 'nothing to see here' WHERE seq = 2";
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        var broken = await VerifyAsync(scenario);
        broken.ShouldContain("entry 2 was modified: its content does not match its hash");
    }

    private static async Task<string> VerifyAsync(RolloutScenario scenario)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/audit/verify");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await scenario.Controller.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
