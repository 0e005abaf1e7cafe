using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RolloutController.Cli;
using RolloutController.IntegrationTests.Api;
using RolloutController.IntegrationTests.Cli;
using RolloutController.TestUtilities.Hosting;

namespace RolloutController.IntegrationTests.Audit;

/// <summary>
/// The audit log through the real host: commands with the role acted under, the controller's own moves, policy
/// revisions with their content hash and the commit of the policy checkout; <c>rolloutctl audit export</c> and
/// <c>audit verify</c>, which names an entry tampered with in the database.
/// </summary>
[Collection(ControllerCollection.Name)]
public sealed class AuditTrailTests(GuardrailMetricsFixture fixture) : IAsyncLifetime
{
    private const string Flag = "audited";
    private const string Commit = "0123456789abcdef0123456789abcdef01234567";
    private readonly string _policies = Directory.CreateTempSubdirectory("audit-policies-").FullName;
    private RunningController _controller = null!;

    public async Task InitializeAsync()
    {
        // A git checkout as git leaves it: HEAD names a branch whose ref holds the commit.
        Directory.CreateDirectory(Path.Combine(_policies, ".git", "refs", "heads"));
        File.WriteAllText(Path.Combine(_policies, ".git", "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(_policies, ".git", "refs", "heads", "main"), Commit + "\n");
        var policy = TestPolicy.FourStages(Flag) with { Owner = "team-payments" };
        policy.WriteTo(_policies);
        _controller = await fixture.Metrics.StartControllerAsync([policy], setup => setup with { PoliciesDirectory = _policies });
    }

    public async Task DisposeAsync()
    {
        await _controller.DisposeAsync();
        Directory.Delete(_policies, recursive: true);
    }

    private Task<CliResult> CliAsync(params string[] args) =>
        CliResult.RunAsync([.. args, "--server", _controller.BaseUri.ToString(), "--token", TestTokens.Admin]);

    private async Task<List<JsonElement>> ExportAsync(params string[] more)
    {
        var result = await CliAsync(["audit", "export", .. more]);
        result.Exit.ShouldBe(ExitCodes.Ok, result.ToString());
        return [.. result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }

    private async Task<List<JsonElement>> WaitForEntriesAsync(Func<List<JsonElement>, bool> condition)
    {
        var entries = await ExportAsync();
        for (var i = 0; i < 100 && !condition(entries); i++)
        {
            await Task.Delay(100);
            entries = await ExportAsync();
        }
        return entries;
    }

    private static string Text(JsonElement e, string property) => e.GetProperty(property).ValueKind == JsonValueKind.Null ? "" : e.GetProperty(property).GetString()!;

    [Fact]
    public async Task Commands_automatic_moves_and_policy_revisions_are_exported_as_json_lines_and_verified()
    {
        using (var pause = await _controller.Api.CommandAsync(Flag, "pause", TestTokens.OnCall, "INC-7: holding"))
            pause.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policies = JsonDocument.Parse(await _controller.Client.GetStringAsync("api/v1/policies")).RootElement;
        var revision = policies.GetProperty("policies")[0].GetProperty("revision").GetString();

        var entries = await WaitForEntriesAsync(list => list.Any(e => Text(e, "action") == "pause"));

        entries.Select(e => e.GetProperty("seq").GetInt64()).ShouldBe(Enumerable.Range(1, entries.Count).Select(i => (long)i));
        var policyEntry = entries.Single(e => Text(e, "subject") == $"policy/{Flag}");
        (Text(policyEntry, "action"), Text(policyEntry, "actor"), Text(policyEntry, "after")).ShouldBe(("revision", "policy-files", revision));
        Text(policyEntry, "details").ShouldEndWith($"commit {Commit}");
        var start = entries.Single(e => Text(e, "action") == "start");
        (Text(start, "actor"), Text(start, "role"), Text(start, "subject")).ShouldBe(("controller", "controller", $"flag/{Flag}"));
        var pauseEntry = entries.Single(e => Text(e, "action") == "pause");
        (Text(pauseEntry, "actor"), Text(pauseEntry, "role"), Text(pauseEntry, "reason")).ShouldBe((TestTokens.OnCallName, "operator", "INC-7: holding"));
        Text(pauseEntry, "before").ShouldStartWith("Observing stage 1");
        Text(pauseEntry, "after").ShouldStartWith("Paused stage 1");

        var verify = await CliAsync("audit", "verify");
        verify.Exit.ShouldBe(ExitCodes.Ok, verify.ToString());
        verify.Stdout.ShouldStartWith($"intact: {entries.Count} entries; last entry {entries.Count}, hash {Text(entries[^1], "hash")}");
        (await ExportAsync("--since", DateTimeOffset.UtcNow.AddHours(1).ToString("O"))).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_changed_policy_file_is_a_new_revision_recorded_with_the_one_it_replaced()
    {
        var before = await WaitForEntriesAsync(list => list.Any(e => Text(e, "subject") == $"policy/{Flag}"));
        var first = before.Single(e => Text(e, "subject") == $"policy/{Flag}");

        (TestPolicy.FourStages(Flag, hold: "2h") with { Owner = "team-payments" }).WriteTo(_policies);

        var after = await WaitForEntriesAsync(list => list.Count(e => Text(e, "subject") == $"policy/{Flag}") == 2);
        var second = after.Where(e => Text(e, "subject") == $"policy/{Flag}").Single(e => Text(e, "before") != "");
        Text(second, "before").ShouldBe(Text(first, "after"));
        Text(second, "after").ShouldNotBe(Text(first, "after"));
    }

    [Fact]
    public async Task Verify_names_the_first_broken_link_after_the_database_is_edited_by_hand()
    {
        await WaitForEntriesAsync(list => list.Count >= 2);
        await using (var connection = new SqliteConnection($"Data Source={_controller.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2";
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var verify = await CliAsync("audit", "verify");

        verify.Exit.ShouldBe(ExitCodes.Failed, verify.ToString());
        verify.Stdout.ShouldStartWith("BROKEN at entry 2: entry 2 was modified: its content does not match its hash");
        _controller.Log.ToString().ShouldContain("Audit log verification failed at entry 2");
    }

    [Fact]
    public async Task Only_an_admin_reads_the_audit_log_and_the_refusal_says_so()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/audit");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Operator);
        using var response = await _controller.Client.SendAsync(request);

        var problem = await ProblemDetails.ReadAsync(response);
        (problem.Status, problem.Detail).ShouldBe((HttpStatusCode.Forbidden, $"token '{TestTokens.OperatorName}' lacks the 'admin' role"));
        var cli = await CliResult.RunAsync(["audit", "verify", "--server", _controller.BaseUri.ToString(), "--token", TestTokens.Viewer]);
        cli.Exit.ShouldBe(ExitCodes.Unauthorized);
    }
}
