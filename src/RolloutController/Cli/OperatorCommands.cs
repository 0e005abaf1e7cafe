using System.CommandLine;
using System.Text.Json;
using RolloutController.Api;
using RolloutController.ConsoleOutput;
using Spectre.Console;

namespace RolloutController.Cli;

/// <summary>list, status, pause, resume, promote, abort, approve, override-freeze, adopt, include — against a running controller's API.</summary>
internal static class OperatorCommands
{
    public static IEnumerable<Command> Create(IAnsiConsole stdout, TextWriter stderr)
    {
        yield return List(stdout, stderr);
        yield return NoticeCommands.Create(stdout, stderr);
        yield return AuditCommands.Create(stdout, stderr);
        yield return ReviewCommands.Create(stdout, stderr);
        yield return Policies(stdout, stderr);
        yield return Status(stdout, stderr);
        yield return Change("pause", "Hold the rollout at its current weight (still measured; rolls back on a failing guardrail)", stdout, stderr);
        yield return Change("resume", "Continue a paused rollout; restart a rolled-back or aborted one from its first stage", stdout, stderr);
        yield return Change("promote", "End the current stage's hold now; advances at the next healthy measurement", stdout, stderr);
        yield return Change("abort", "Kill switch: set the flag to 0% for everyone now", stdout, stderr);
        yield return Change("approve", "Sign off the current stage where the policy asks for approval (approvals, gate: manual)", stdout, stderr);
        yield return Change("override-freeze",
            "Let this flag's rollout advance while a controller-wide release freeze is in force (release manager; until the policy changes)", stdout, stderr);
        yield return Change("adopt",
            "Keep a change made by hand on the flag's platform (the rollout paused on it): serve its weight and ramp on from there (release manager)",
            stdout, stderr);
        yield return FlagCommands.Create(stdout, stderr);
        yield return Include(stdout, stderr);
        yield return ExportCommand.Create(stdout, stderr);
    }

    private static Command Policies(IAnsiConsole stdout, TextWriter stderr)
    {
        var (server, token, output) = (CommonOptions.Server(), CommonOptions.Token(), CommonOptions.Output());
        var command = new Command("policies", "Policies in force on the controller, and validation errors keeping newer versions out (exit 1 if any)") { server, token, output };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var (code, status) = await client.GetAsync<PolicyStatus>("api/v1/policies", ct);
            if (code != ExitCodes.Ok) return code;
            if (parse.GetValue(output) == "json") Json(stdout, status);
            else
            {
                ConsoleTable.Write(stdout, ["FLAG", "POLICY", "TYPE", "OWNER", "SOURCE", "REVISION"],
                    status!.Policies.Select(p => (IReadOnlyList<Cell>)[p.Flag, p.Name, p.Type, p.Owner, p.Source, p.Revision]));
                foreach (var e in status.Errors) ConsoleLine.Write(stdout, new Cell(e.Text, Tone.Bad));
            }
            return status!.Errors.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    private static Command List(IAnsiConsole stdout, TextWriter stderr)
    {
        var (server, token, output) = (CommonOptions.Server(), CommonOptions.Token(), CommonOptions.Output());
        var owner = new Option<string?>("--owner") { Description = "Only rollouts of this owner (metadata.owner)" };
        var phase = new Option<string?>("--phase") { Description = "Only rollouts in this phase (Observing, Paused, Completed, RolledBack, Aborted, Pending)" };
        var type = new Option<string?>("--type") { Description = "Only flags of this type (release, experiment, ops, permission)" };
        var late = new Option<bool>("--late") { Description = "Only rollouts whose measurement rounds are overdue" };
        var limit = new Option<int>("--limit")
        {
            Description = $"Rollouts per page (1–{RolloutListQuery.MaxLimit})", DefaultValueFactory = _ => RolloutListQuery.DefaultLimit,
        };
        var after = new Option<string?>("--after") { Description = "Start after this flag (the cursor a previous page printed)" };
        var all = new Option<bool>("--all") { Description = "Every page, not just the first" };
        var command = new Command("list", "List rollouts with phase, stage, weight and time left in hold, a page at a time")
        {
            server, token, output, owner, phase, type, late, limit, after, all,
        };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var filters = new List<string> { $"limit={parse.GetValue(limit)}" };
            foreach (var (name, value) in new[] { ("owner", parse.GetValue(owner)), ("phase", parse.GetValue(phase)), ("type", parse.GetValue(type)) })
                if (!string.IsNullOrEmpty(value)) filters.Add($"{name}={Uri.EscapeDataString(value)}");
            if (parse.GetValue(late)) filters.Add("late=true");
            var rollouts = new List<RolloutSummary>();
            var cursor = parse.GetValue(after);
            RolloutPage page;
            do
            {
                var query = string.Join('&', cursor is null ? filters : [.. filters, $"after={Uri.EscapeDataString(cursor)}"]);
                var (exit, fetched) = await client.GetAsync<RolloutPage>($"api/v1/rollouts?{query}", ct);
                if (exit != ExitCodes.Ok) return exit;
                page = fetched!;
                rollouts.AddRange(page.Rollouts);
                cursor = page.Next;
            }
            while (parse.GetValue(all) && cursor is not null);

            if (parse.GetValue(output) == "json") Json(stdout, page with { Rollouts = rollouts });
            else
            {
                RolloutText.List(stdout, rollouts);
                if (page.Next is { } next)
                    stdout.WriteLine($"{rollouts.Count} of {page.Total} shown; next page: rolloutctl list --after {next} (or --all)");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Status(IAnsiConsole stdout, TextWriter stderr)
    {
        var flag = new Argument<string>("flag") { Description = "Flag key" };
        var (server, token, output) = (CommonOptions.Server(), CommonOptions.Token(), CommonOptions.Output());
        var command = new Command("status", "Show one rollout (stage, hold, last measurement of each guardrail, history), or a flag no policy drives")
        {
            flag, server, token, output,
        };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var (exit, snapshot) = await client.GetRolloutAsync(parse.GetValue(flag)!, ct, quietWhenNotFound: true);
            // No rollout: a flag declared without a policy (an ops or permission flag) has its own page.
            if (exit == ExitCodes.NotFound)
            {
                var (flagExit, detail) = await client.GetAsync<FlagDetail>($"api/v1/flags/{Uri.EscapeDataString(parse.GetValue(flag)!)}", ct);
                if (flagExit != ExitCodes.Ok) return flagExit;
                if (parse.GetValue(output) == "json") Json(stdout, detail);
                else RolloutText.Flag(stdout, detail!);
                return ExitCodes.Ok;
            }
            if (exit != ExitCodes.Ok) return exit;
            if (parse.GetValue(output) == "json") Json(stdout, snapshot!.Detail);
            else RolloutText.Detail(stdout, snapshot!);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Change(string verb, string description, IAnsiConsole stdout, TextWriter stderr)
    {
        var flag = new Argument<string>("flag") { Description = "Flag key" };
        var reason = new Option<string>("--reason", "-r") { Description = "Why (recorded in the audit trail with your token's name)", Required = true };
        var (server, token, output) = (CommonOptions.Server(), CommonOptions.Token(), CommonOptions.Output());
        var command = new Command(verb, description) { flag, reason, server, token, output };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var path = $"api/v1/rollouts/{Uri.EscapeDataString(parse.GetValue(flag)!)}/{verb}";
            var (exit, detail) = await client.PostAsync<RolloutDetail>(path, new CommandRequest(parse.GetValue(reason)), ct);
            if (exit != ExitCodes.Ok) return exit;
            // Served but not stored yet (the store is failing): it took effect, and the operator must know it is not stored.
            if (detail!.Note is { } note) await stderr.WriteLineAsync($"warning: {note}");
            if (parse.GetValue(output) == "json") Json(stdout, detail);
            else stdout.Write(RolloutText.Outcome(detail.Rollout));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Include(IAnsiConsole stdout, TextWriter stderr)
    {
        var flag = new Argument<string>("flag") { Description = "Flag key" };
        var segment = new Option<string>("--segment", "-s")
        {
            Description = "The excluded segment: label=value pairs (plan=enterprise,region=eu), or as 'rolloutctl status' shows it", Required = true,
        };
        var reason = new Option<string>("--reason", "-r") { Description = "Why (recorded in the audit trail with your token's name)", Required = true };
        var (server, token, output) = (CommonOptions.Server(), CommonOptions.Token(), CommonOptions.Output());
        var command = new Command("include", "Serve the ramp again to a segment a per-segment guardrail excluded, without restarting the ramp")
        {
            flag, segment, reason, server, token, output,
        };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var path = $"api/v1/rollouts/{Uri.EscapeDataString(parse.GetValue(flag)!)}/include";
            var (exit, detail) = await client.PostAsync<RolloutDetail>(path, new CommandRequest(parse.GetValue(reason), parse.GetValue(segment)), ct);
            if (exit != ExitCodes.Ok) return exit;
            if (parse.GetValue(output) == "json") Json(stdout, detail);
            else
            {
                stdout.Write(RolloutText.Outcome(detail!.Rollout));
                stdout.WriteLine(detail.ExcludedSegments.Count == 0 ? "No segment is excluded."
                    : $"Still excluded: {string.Join("; ", detail.ExcludedSegments.Select(e => e.Segment))}");
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The API's JSON shape, verbatim (the same bytes on a terminal or not).</summary>
    public static void Json<T>(IAnsiConsole o, T value) => ConsoleLine.WriteVerbatim(o, JsonSerializer.Serialize(value, CliJson.Options));
}
