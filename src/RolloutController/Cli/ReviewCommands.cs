using System.CommandLine;
using RolloutController.Api;
using RolloutController.ConsoleOutput;
using RolloutController.Lifecycle;
using Spectre.Console;

namespace RolloutController.Cli;

/// <summary><c>rolloutctl review</c> (the monthly review of flags) and <c>rolloutctl review decide</c> (record a verdict).</summary>
internal static class ReviewCommands
{
    public static Command Create(IAnsiConsole stdout, TextWriter stderr)
    {
        var (server, token, output) = (CommonOptions.Server(), CommonOptions.Token(), CommonOptions.Output());
        var owner = new Option<string?>("--owner") { Description = "Only the flags of this owner (metadata.owner)" };
        var command = new Command("review", "Every flag with its age, type, state, last change, review date and a suggested verdict; overdue and stale first")
        {
            server, token, output, owner, Decide(stdout, stderr),
        };
        command.SetAction((parse, ct) => ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
        {
            var query = parse.GetValue(owner) is { } o ? $"?owner={Uri.EscapeDataString(o)}" : "";
            var (exit, items) = await client.GetAsync<List<ReviewItem>>($"api/v1/reviews{query}", ct);
            if (exit != ExitCodes.Ok) return exit;
            if (parse.GetValue(output) == "json") OperatorCommands.Json(stdout, items);
            else if (items!.Count == 0) stdout.WriteLine("No flags.");
            else
                ConsoleTable.Write(stdout, ["FLAG", "OWNER", "TYPE", "AGE", "STATE", "LAST CHANGE", "REVIEW BY", "REMOVE BY", "SUGGESTED", "DECIDED"],
                    items.Select(i => (IReadOnlyList<Cell>)
                    [
                        i.Flag, i.Owner, i.Lifecycle.Type, i.AgeDays is { } age ? $"{age}d" : "-", i.Phase == Lifecycle.ReviewItem.NoRollout ? "no rollout" : $"{i.Phase} {ConsoleText.Percent(i.Weight)}",
                        i.LastChange is { } at ? ConsoleText.Time(at) : "-",
                        new(Date(i.Lifecycle.ReviewBy) + (i.Lifecycle.Overdue ? " OVERDUE" : ""), i.Lifecycle.Overdue ? Tone.Warning : Tone.Plain),
                        new(Date(i.Lifecycle.RemoveBy) + (i.Lifecycle.Stale ? " STALE" : ""), i.Lifecycle.Stale ? Tone.Warning : Tone.Plain),
                        i.Lifecycle.Suggested,
                        i.Lifecycle.Decision is { } d ? $"{d.Verdict}{(d.Until is { } u ? " " + Date(u) : "")}" : "-",
                    ]));
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static string Date(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static Command Decide(IAnsiConsole stdout, TextWriter stderr)
    {
        var (server, token) = (CommonOptions.Server(), CommonOptions.Token());
        var flag = new Argument<string>("flag") { Description = "The flag reviewed" };
        var verdict = new Argument<string>("verdict") { Description = "delete, extend (with --until) or promote-to-ops" };
        verdict.AcceptOnlyFromAmong("delete", "extend", "promote-to-ops");
        var until = new Option<string?>("--until") { Description = "extend: the new review date, YYYY-MM-DD" };
        var reason = new Option<string>("--reason", "-r") { Description = "Why (recorded in the audit log with your name)", Required = true };
        var command = new Command("decide", "Record the review's verdict: delete, extend --until DATE, or promote-to-ops (release-manager)")
        {
            flag, verdict, until, reason, server, token,
        };
        command.SetAction((parse, ct) =>
        {
            var (v, u) = (parse.GetValue(verdict)!, parse.GetValue(until));
            if ((v == "extend") != (u is not null))
            {
                stderr.WriteLine(v == "extend" ? "error: extend needs --until YYYY-MM-DD" : $"error: --until applies to extend only, not to {v}");
                return Task.FromResult(ExitCodes.Usage);
            }
            return ControllerClient.RunAsync(parse.GetValue(server)!, parse.GetValue(token), stderr, async client =>
            {
                var path = $"api/v1/reviews/{Uri.EscapeDataString(parse.GetValue(flag)!)}/{v}" + (u is null ? "" : $"?until={Uri.EscapeDataString(u)}");
                var (exit, view) = await client.PostAsync<LifecycleView>(path, new CommandRequest(parse.GetValue(reason)), ct);
                if (exit != ExitCodes.Ok) return exit;
                ConsoleLine.Write(stdout, RolloutText.LifecycleLine(view!));
                return ExitCodes.Ok;
            });
        });
        return command;
    }
}
